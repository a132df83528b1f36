namespace FunctionsOrders.LoadGen.Harness;

/// <summary>The HTTP client of the load generator: keep-alive connections, many of them, no proxy, no cookies.</summary>
internal static class LoadClient
{
    public static HttpClient Create(TimeSpan timeout) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 2048,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = timeout,
    };
}
