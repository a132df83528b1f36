namespace FunctionsOrders.FunctionsHost.App;

/// <summary>What the host knows about the app folder before the worker starts.</summary>
internal sealed record FunctionApp(
    string Directory,
    string WorkerExecutable,
    string WorkerPath,
    string RoutePrefix,
    TimeSpan? FunctionTimeout,
    IReadOnlyDictionary<string, string> Settings);
