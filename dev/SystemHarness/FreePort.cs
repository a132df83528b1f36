using System.Net;
using System.Net.Sockets;

namespace FunctionsOrders.SystemHarness;

/// <summary>Free TCP ports on loopback.</summary>
public static class FreePort
{
    // The kernel often gives a port that was just released to the next probe, so two probes in a row can return the
    // same port: a server told to use it twice fails on the second bind. The ports handed out recently are
    // remembered and not handed out again (the recent ones only: the ephemeral range is about 28,000 ports).
    private const int Remembered = 8192;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Recent = [];
    private static readonly Queue<int> RecentOrder = new();

    /// <summary>
    /// A port that was free a moment ago and that this process has not handed out recently. Callers retry with another
    /// one if it was taken since.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            var port = Probe();
            lock (Gate)
            {
                if (!Recent.Add(port))
                {
                    continue;
                }

                RecentOrder.Enqueue(port);
                if (RecentOrder.Count > Remembered)
                {
                    Recent.Remove(RecentOrder.Dequeue());
                }

                return port;
            }
        }
    }

    private static int Probe()
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
