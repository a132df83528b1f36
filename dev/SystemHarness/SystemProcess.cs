namespace FunctionsOrders.SystemHarness;

/// <summary>A running process of the system, under the name it is reported by.</summary>
/// <param name="Name">e.g. <c>OrderFunctions host</c>.</param>
/// <param name="Id">Its process id.</param>
/// <param name="WorkerName">For a Functions host, the name of its worker, the host's child process; otherwise null.</param>
public sealed record SystemProcess(string Name, int Id, string? WorkerName = null);
