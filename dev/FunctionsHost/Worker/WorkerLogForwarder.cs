using FunctionsOrders.FunctionsHost.Rpc;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>Writes the worker's <c>RpcLog</c>s and console output to the host's logger, keeping category and level.</summary>
internal sealed class WorkerLogForwarder(ILoggerFactory loggerFactory)
{
    private readonly ILogger _console = loggerFactory.CreateLogger("Worker.Console");
    private readonly ILogger _host = loggerFactory.CreateLogger<WorkerLogForwarder>();

    public void Forward(RpcLog log)
    {
        var category = string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category;
        var logger = loggerFactory.CreateLogger(category);
        var level = ToLevel(log.Level);
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var message = log.Exception is { } exception
            ? $"{log.Message}{Environment.NewLine}{exception.Type}: {exception.Message}{Environment.NewLine}{exception.StackTrace}"
            : log.Message;
        Log.WorkerLog(logger, level, message);
    }

    public void StandardOutput(string line) => Log.WorkerOutput(_console, line);

    public void StandardError(string line) => Log.WorkerError(_console, line);

    public void Unmatched(string kind, string id) => Log.UnmatchedReply(_host, kind, id);

    private static LogLevel ToLevel(RpcLog.Types.Level level) => level switch
    {
        RpcLog.Types.Level.Trace => LogLevel.Trace,
        RpcLog.Types.Level.Debug => LogLevel.Debug,
        RpcLog.Types.Level.Information => LogLevel.Information,
        RpcLog.Types.Level.Warning => LogLevel.Warning,
        RpcLog.Types.Level.Error => LogLevel.Error,
        RpcLog.Types.Level.Critical => LogLevel.Critical,
        _ => LogLevel.None,
    };
}
