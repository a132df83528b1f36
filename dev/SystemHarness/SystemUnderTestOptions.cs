namespace FunctionsOrders.SystemHarness;

/// <summary>
/// What a <see cref="SystemUnderTest"/> differs in from the defaults. Settings given here go on top of the ones the
/// harness sets (NATS address, storage, simulator address, function key, routes), so a caller can replace any of them.
/// </summary>
public sealed record SystemUnderTestOptions
{
    /// <summary>
    /// 0 for one nats-server; otherwise the number of nodes of a JetStream cluster, with every stream and the bucket
    /// replicated on each of them (<c>Topology:Replicas</c>).
    /// </summary>
    public int ClusterNodes { get; init; }

    /// <summary>Extra arguments of the single nats-server (e.g. <c>-c &lt;auth file&gt;</c>, <c>-DV</c>); not for a cluster.</summary>
    public IReadOnlyList<string> NatsServerArguments { get; init; } = [];

    /// <summary>
    /// Passwords by NATS user (<c>NatsUserNames</c>): when given, every component connects as its own user, and the
    /// topology is applied as the topology user. The server must know them (<see cref="NatsServerArguments"/>).
    /// </summary>
    public IReadOnlyDictionary<string, string>? NatsPasswords { get; init; }

    /// <summary><c>Topology:Prefix</c> of every component; the ledger table is <c>payments&lt;prefix&gt;</c>. Letters and digits only.</summary>
    public string TopologyPrefix { get; init; } = "";

    /// <summary>Whether Azurite keeps its data in memory only (<see cref="AzuriteServer.StartAsync"/>); then it cannot be restarted with its data.</summary>
    public bool AzuriteInMemory { get; init; }

    /// <summary>
    /// Whether <see cref="SystemUnderTest.StartAsync"/> starts the simulator and both function apps (after applying the
    /// topology); without them only NATS and Azurite run until <see cref="SystemUnderTest.StartServicesAsync"/>.
    /// </summary>
    public bool StartServices { get; init; } = true;

    /// <summary>Whether <see cref="SystemUnderTest.StartAsync"/> starts NatsBridge after the services; without it, orders wait in the streams.</summary>
    public bool StartBridge { get; init; } = true;

    /// <summary>
    /// Whether the simulator and NatsBridge run in their build output folders and so read the <c>appsettings.json</c>
    /// there, as a local run does. By default they run in a private folder and take only the settings given here.
    /// </summary>
    public bool UseAppSettingsFiles { get; init; }

    /// <summary>
    /// Settings of every service: the environment of the simulator, the bridge, its commands and the Functions hosts,
    /// and app settings of both function apps (e.g. log levels, an OTLP exporter; none is exported unless given here).
    /// </summary>
    public Dictionary<string, string> AllServices { get; init; } = [];

    /// <summary>Extra OrderFunctions app settings (e.g. <c>Nats__Publish__MaxInFlight</c>).</summary>
    public Dictionary<string, string> Orders { get; init; } = [];

    /// <summary>Extra PaymentFunctions app settings.</summary>
    public Dictionary<string, string> Payments { get; init; } = [];

    /// <summary>Extra settings of the payment simulator, as environment variables (e.g. <c>Simulator__IdempotencyKeyTtl</c>).</summary>
    public Dictionary<string, string> Simulator { get; init; } = [];

    /// <summary>Extra settings of NatsBridge and its replay command (e.g. <c>Bridge__ShutdownTimeout</c>).</summary>
    public Dictionary<string, string> Bridge { get; init; } = [];

    /// <summary>Settings applied to every bridge route (e.g. <c>AckWait</c>), by route option name.</summary>
    public Dictionary<string, string> Routes { get; init; } = [];

    /// <summary>Settings applied to the payments route only, after <see cref="Routes"/>.</summary>
    public Dictionary<string, string> PaymentsRoute { get; init; } = [];

    /// <summary>Both apps in <c>Auth:Mode=Jwt</c> instead of the Development mode; null keeps the function key alone.</summary>
    public JwtAuthOptions? Jwt { get; init; }
}
