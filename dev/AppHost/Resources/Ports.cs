namespace FunctionsOrders.AppHost.Resources;

/// <summary>The fixed loopback ports of a local run.</summary>
internal static class Ports
{
    public const string Host = "127.0.0.1";
    public const int Nats = 4222;
    public const int NatsMonitor = 8222;
    public const int NatsRoute = 6222;
    public const int AzuriteBlob = 10000;
    public const int AzuriteQueue = 10001;
    public const int AzuriteTable = 10002;
    public const int PaymentProvider = 7080;
    public const int OrderFunctions = 7071;
    public const int PaymentFunctions = 7072;
    public const int NatsBridge = 7090;

    public static string NatsUrl => $"nats://{Host}:{Nats}";

    /// <summary>
    /// Node <paramref name="node"/> (from 1) of the local cluster: client, monitoring and route ports counted up from
    /// 4222, 8222 and 6222.
    /// </summary>
    public static NatsNodePorts NatsNode(int node) => new(Nats + node - 1, NatsMonitor + node - 1, NatsRoute + node - 1);

    public static string Http(int port) => $"http://{Host}:{port}";
}

/// <summary>The ports of one cluster node.</summary>
internal sealed record NatsNodePorts(int Client, int Monitor, int Route)
{
    public string ClientUrl => $"nats://{Ports.Host}:{Client}";

    public string RouteAddress => $"{Ports.Host}:{Route}";
}
