using System.Net;
using System.Net.Sockets;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// A TCP proxy in front of a nats-server's route port that holds back the Raft append entries (<c>$NRG.AE.*</c>) the
/// node receives by <see cref="Delay"/> and passes everything else at once. The node then applies every replicated
/// write late while it still answers its clients at once, as a follower that fell behind its leader does.
/// </summary>
public sealed class AppendEntryDelayProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private long _delayTicks;

    /// <summary>Listens on a free loopback port and forwards to <paramref name="targetPort"/>.</summary>
    public AppendEntryDelayProxy(int targetPort)
    {
        TargetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The port the proxy listens on: what the other nodes route to.</summary>
    public int Port { get; }

    /// <summary>The node's own route port.</summary>
    public int TargetPort { get; set; }

    /// <summary>How long each append entry is held back; zero passes them at once. Changed at any time.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await Task.WhenAll([_accepting, .. _connections]).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(ForwardAsync(inbound));
            }
        }
    }

    private async Task ForwardAsync(TcpClient inbound)
    {
        using var _ = inbound;
        using var outbound = new TcpClient { NoDelay = true };
        inbound.NoDelay = true;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, TargetPort, linked.Token);
            using var toNode = new RouteFrameWriter(outbound.GetStream());
            var node = outbound.GetStream().CopyToAsync(inbound.GetStream(), linked.Token);
            var remote = PumpToNodeAsync(inbound.GetStream(), toNode, linked.Token);
            await Task.WhenAny(node, remote);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The node or its peer went away: the route reconnects through the proxy.
        }
        finally
        {
            await linked.CancelAsync();
        }
    }

    private async Task PumpToNodeAsync(Stream from, RouteFrameWriter to, CancellationToken cancellationToken)
    {
        var reader = new RouteFrameReader(from);
        var held = to.WriteHeldAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken) is { } frame)
        {
            // Every append entry goes through the queue, even with no delay, so that none overtakes another.
            if (frame.IsAppendEntry)
            {
                to.Hold(frame.Bytes, Delay);
            }
            else
            {
                await to.WriteAsync(frame.Bytes, cancellationToken);
            }
        }

        to.Complete();
        await held;
    }
}
