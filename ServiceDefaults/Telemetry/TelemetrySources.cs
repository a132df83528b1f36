namespace FunctionsOrders.ServiceDefaults.Telemetry;

/// <summary>Activity sources and meters that every host exports.</summary>
public static class TelemetrySources
{
    /// <summary>Every activity source and meter of this system (<c>FunctionsOrders.Messaging</c>, <c>FunctionsOrders.NatsBridge</c>, ...).</summary>
    public const string FunctionsOrders = "FunctionsOrders.*";

    /// <summary>The NATS.Net client's activity source (publish and receive spans).</summary>
    public const string NatsClient = "NATS.Net";

    /// <summary>The isolated worker's activity source (one span per function invocation).</summary>
    public const string FunctionsWorker = "Microsoft.Azure.Functions.Worker";
}
