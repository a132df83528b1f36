using System.Net;
using System.Net.Sockets;

namespace FunctionsOrders.SystemHarness;

/// <summary>Free TCP ports on loopback.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago. Callers retry with another one if it was taken since.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>True when something accepts connections on the port.</summary>
    public static async Task<bool> IsListeningAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
