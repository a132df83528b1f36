namespace FunctionsOrders.NatsBridge.Routing;

/// <summary>Settings of the bridge (section <c>Bridge</c>).</summary>
public sealed class BridgeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Bridge";

    /// <summary>The routes by name.</summary>
    public Dictionary<string, BridgeRouteOptions> Routes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>On SIGTERM, how long in-flight batches may take to finish before what is left is NAKed. Default 15 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
