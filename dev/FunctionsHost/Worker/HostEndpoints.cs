using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>The two Kestrel endpoints: HTTP/2 cleartext for the worker, HTTP/1.1 for clients.</summary>
internal sealed class HostEndpoints
{
    public ListenOptions? Worker { get; set; }

    public ListenOptions? Clients { get; set; }

    /// <summary>Bound port of the worker endpoint (Kestrel updates the endpoint after binding port 0).</summary>
    public int WorkerPort => Port(Worker);

    public int ClientPort => Port(Clients);

    public Uri WorkerUri => new($"http://127.0.0.1:{WorkerPort}/");

    private static int Port(ListenOptions? options) =>
        (options?.EndPoint as IPEndPoint)?.Port ?? throw new InvalidOperationException("Kestrel has not bound its endpoints yet.");
}
