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

    /// <summary>
    /// Whether <paramref name="uri"/> is the isolated worker's gRPC channel to its Functions host. The worker holds
    /// one call on it for its whole life, carrying every invocation; a span for that call would be a trace of its
    /// own that says nothing about any order.
    /// </summary>
    public static bool IsWorkerChannel(Uri? uri) =>
        uri is not null && uri.AbsolutePath.StartsWith("/AzureFunctionsRpcMessages.FunctionRpc/", StringComparison.Ordinal);
}
