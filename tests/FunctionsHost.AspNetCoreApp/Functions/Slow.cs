using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.FunctionsHost.AspNetCoreApp.Functions;

/// <summary>Waits the given milliseconds, then answers a plain string; logs whether it ran to its end or was cancelled.</summary>
public sealed partial class Slow(ILogger<Slow> logger)
{
    [Function(nameof(Slow))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequest request,
        int ms,
        CancellationToken cancellationToken)
    {
        LogStarted(logger, ms);
        try
        {
            await Task.Delay(ms, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogCancelled(logger, ms);
            throw;
        }

        LogFinished(logger, ms);
        return Answer.Text("done");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slow started for {Milliseconds} ms")]
    private static partial void LogStarted(ILogger logger, int milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slow finished after {Milliseconds} ms")]
    private static partial void LogFinished(ILogger logger, int milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slow cancelled during {Milliseconds} ms")]
    private static partial void LogCancelled(ILogger logger, int milliseconds);
}
