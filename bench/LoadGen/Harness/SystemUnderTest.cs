using System.Globalization;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// The whole system as <c>./run.sh</c> wires it, but on free ports and private stores: the payment simulator,
/// OrderFunctions and PaymentFunctions each under the local Functions host, and NatsBridge with its two routes
/// pointed at them. NATS (one server or a cluster) and Azurite are passed in, started by the suite; the apps and the
/// bridge get the same replica count, so whichever ensures the streams and bucket first creates them alike.
/// </summary>
internal sealed class SystemUnderTest : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _parts = [];
    private readonly List<(string Name, int Pid, string? ChildName)> _processes = [];
    private Dictionary<string, string> _bridgeEnvironment = [];

    private SystemUnderTest()
    {
    }

    public Uri OrderApi { get; private set; } = null!;

    /// <summary>
    /// Starts the simulator and both apps against <paramref name="natsUrl"/> (one client URL, or a cluster's URLs
    /// comma-separated) with every stream and the bucket at <paramref name="replicas"/> replicas; the bridge is
    /// started later with <see cref="StartBridgeAsync"/>.
    /// </summary>
    public static async Task<SystemUnderTest> StartAsync(
        string natsUrl, int replicas, AzuriteServer azurite, IReadOnlyDictionary<string, string> telemetry, TextWriter output, CancellationToken cancellationToken)
    {
        var system = new SystemUnderTest();
        try
        {
            await system.StartPartsAsync(natsUrl, replicas, azurite, telemetry, output, cancellationToken);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _parts.Count - 1; i >= 0; i--)
        {
            await _parts[i].DisposeAsync();
        }

        _parts.Clear();
    }

    private async Task StartPartsAsync(
        string natsUrl, int replicas, AzuriteServer azurite, IReadOnlyDictionary<string, string> telemetry, TextWriter output, CancellationToken cancellationToken)
    {
        var functionKey = Guid.NewGuid().ToString("N");
        var provider = await ServiceProcess.StartAsync("payment-provider", "dev/PaymentProvider", "FunctionsOrders.PaymentProvider.dll", "health",
            new Dictionary<string, string>(telemetry), cancellationToken);
        _parts.Add(provider);
        _processes.Add(("payment simulator", provider.Process.Id, null));
        output.WriteLine($"system: payment simulator on {provider.Url}");

        var common = Telemetry.OffUnless(telemetry);
        common["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        common["AzureWebJobsStorage"] = azurite.ConnectionString;
        common["Nats__Url"] = natsUrl;
        common["Topology__Replicas"] = replicas.ToString(CultureInfo.InvariantCulture);
        var hostEnvironment = Telemetry.OffUnless(telemetry);
        hostEnvironment["FunctionsHost__FunctionKey"] = functionKey;
        var ordersTask = FunctionsHostProcess.StartAsync("OrderFunctions", common, hostEnvironment, cancellationToken);
        var paymentsTask = FunctionsHostProcess.StartAsync("PaymentFunctions",
            new Dictionary<string, string>(common) { ["Payments__Provider__BaseUrl"] = provider.Url.ToString().TrimEnd('/') }, hostEnvironment, cancellationToken);
        await Task.WhenAll(Started(ordersTask), Started(paymentsTask));
        var orders = await ordersTask;
        var payments = await paymentsTask;
        OrderApi = orders.Client.BaseAddress!;
        _processes.Add(("OrderFunctions host", orders.Process.Id, "OrderFunctions worker"));
        _processes.Add(("PaymentFunctions host", payments.Process.Id, "PaymentFunctions worker"));
        output.WriteLine($"system: OrderFunctions under the local Functions host on {orders.Client.BaseAddress}, PaymentFunctions on {payments.Client.BaseAddress}");

        _bridgeEnvironment = new Dictionary<string, string>(telemetry) { ["Nats__Url"] = natsUrl, ["Topology__Replicas"] = common["Topology__Replicas"] };
        foreach (var (route, app, path) in new[] { ("payments", payments, "api/internal/payments"), ("payment-status", orders, "api/internal/order-events") })
        {
            _bridgeEnvironment[$"Bridge__Routes__{route}__Url"] = new Uri(app.Client.BaseAddress!, path).ToString();
            _bridgeEnvironment[$"Bridge__Routes__{route}__FunctionKey"] = functionKey;
        }
    }

    /// <summary>
    /// Starts NatsBridge, whose consumers then deliver what the streams hold. Separate from the apps so the intake
    /// can be measured without the payment flow competing for the same cores, as the direct baseline is.
    /// </summary>
    public async Task StartBridgeAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var bridge = await ServiceProcess.StartAsync("nats-bridge", "NatsBridge", "FunctionsOrders.NatsBridge.dll", "readyz", _bridgeEnvironment, cancellationToken);
        _parts.Add(bridge);
        _processes.Add(("NatsBridge", bridge.Process.Id, null));
        output.WriteLine($"system: NatsBridge on {bridge.Url} (routes payments, payment-status)");
    }

    /// <summary>Registers every process started here (a host's worker under the host's worker name) with <paramref name="meter"/>.</summary>
    public ProcessCpuMeter AddTo(ProcessCpuMeter meter)
    {
        foreach (var (name, pid, childName) in _processes)
        {
            meter.Add(name, pid, childName);
        }

        return meter;
    }

    /// <summary>Keeps a started host for disposal even when the other one failed to start.</summary>
    private async Task Started(Task<FunctionsHostProcess> start)
    {
        var host = await start;
        lock (_parts)
        {
            _parts.Add(host);
        }
    }
}
