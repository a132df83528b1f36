namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>
/// A worker that loaded its functions: its event stream and, when it runs ASP.NET Core integration, the address of
/// its own HTTP server, to which HTTP requests are forwarded (null: requests travel inside the invocation).
/// </summary>
internal sealed record ServingWorker(WorkerChannel Channel, Uri? HttpUri);
