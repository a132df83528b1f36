namespace FunctionsOrders.FunctionsHost;

/// <summary>Log messages of the local Functions host, event ids 3000–3099.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Starting worker {WorkerPath} (pid {ProcessId}) against {HostEndpoint}")]
    public static partial void WorkerStarting(ILogger logger, int processId, string workerPath, Uri hostEndpoint);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Worker {WorkerId} opened its event stream")]
    public static partial void WorkerConnected(ILogger logger, string workerId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Worker (pid {ProcessId}) serves {FunctionCount} HTTP function(s)")]
    public static partial void WorkerReady(ILogger logger, int processId, int functionCount);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Worker (pid {ProcessId}) runs ASP.NET Core integration: HTTP requests are forwarded to it at {HttpUri}")]
    public static partial void WorkerServesHttp(ILogger logger, int processId, Uri httpUri);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Worker failed to start or serve")]
    public static partial void WorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Worker (pid {ProcessId}) is gone, exit code {ExitCode}")]
    public static partial void WorkerExited(ILogger logger, int processId, int? exitCode);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Restarting the worker in {Delay}")]
    public static partial void WorkerRestarting(ILogger logger, TimeSpan delay);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "A stream opened with {Content} for unknown worker '{WorkerId}'; closed")]
    public static partial void UnknownWorker(ILogger logger, string content, string workerId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Function {FunctionName} failed to load: {Reason}")]
    public static partial void FunctionLoadFailed(ILogger logger, string functionName, string reason);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Stopping: draining {InFlight} invocation(s) for up to {Deadline}")]
    public static partial void Draining(ILogger logger, int inFlight, TimeSpan deadline);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Shutdown deadline passed with {InFlight} invocation(s) still running")]
    public static partial void DrainTimedOut(ILogger logger, int inFlight);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Worker (pid {ProcessId}) did not exit after WorkerTerminate; killing it")]
    public static partial void WorkerTerminateTimedOut(ILogger logger, int processId);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "Worker (pid {ProcessId}) stopped")]
    public static partial void WorkerStopped(ILogger logger, int processId);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Error, Message = "Function {FunctionName} invocation {InvocationId} failed: {ExceptionType}: {ExceptionMessage}")]
    public static partial void InvocationFailed(ILogger logger, string functionName, string invocationId, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Function {FunctionName} invocation {InvocationId} exceeded the function timeout {Timeout}")]
    public static partial void InvocationTimedOut(ILogger logger, string functionName, string invocationId, TimeSpan timeout);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "Function {FunctionName} invocation {InvocationId} lost its worker")]
    public static partial void InvocationWorkerGone(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 3023, Level = LogLevel.Information, Message = "Function {FunctionName} invocation {InvocationId}: its client went away; the invocation was cancelled and its answer dropped")]
    public static partial void InvocationClientGone(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 3024, Level = LogLevel.Warning, Message = "Function {FunctionName} invocation {InvocationId}: forwarding the request to the worker failed: {ForwarderError}")]
    public static partial void ForwardingFailed(ILogger logger, string functionName, string invocationId, string forwarderError, Exception? exception);

    [LoggerMessage(EventId = 3030, Message = "{WorkerMessage}")]
    public static partial void WorkerLog(ILogger logger, LogLevel level, string workerMessage);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void WorkerOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 3032, Level = LogLevel.Warning, Message = "{Line}")]
    public static partial void WorkerError(ILogger logger, string line);

    [LoggerMessage(EventId = 3033, Level = LogLevel.Debug, Message = "Reply {Content} with request id '{RequestId}' matches no pending request")]
    public static partial void UnmatchedReply(ILogger logger, string content, string requestId);
}
