using System.Net.Sockets;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>The HTTP server of a worker with ASP.NET Core integration, as seen from the host.</summary>
internal static class WorkerHttpServer
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    /// <summary>Completes once <paramref name="httpUri"/> accepts connections; throws when the worker exits first.</summary>
    public static async Task WaitUntilListeningAsync(Uri httpUri, Task exited, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            using (var client = new TcpClient())
            {
                try
                {
                    await client.ConnectAsync(httpUri.Host, httpUri.Port, cancellationToken);
                    return;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
            }

            if (exited.IsCompleted)
            {
                throw new WorkerUnavailableException($"The worker exited before its HTTP server at {httpUri} listened.");
            }

            await Task.Delay(RetryDelay, time, cancellationToken);
        }
    }
}
