namespace FunctionsOrders.AppHost.Resources;

/// <summary>The fixed loopback ports of a local run.</summary>
internal static class Ports
{
    public const string Host = "127.0.0.1";
    public const int Nats = 4222;
    public const int NatsMonitor = 8222;
    public const int AzuriteBlob = 10000;
    public const int AzuriteQueue = 10001;
    public const int AzuriteTable = 10002;
    public const int PaymentProvider = 7080;
    public const int OrderFunctions = 7071;
    public const int PaymentFunctions = 7072;
    public const int NatsBridge = 7090;

    public static string NatsUrl => $"nats://{Host}:{Nats}";

    public static string Http(int port) => $"http://{Host}:{port}";
}
