using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.FunctionsHost.TestApp.Functions;

/// <summary>Waits the given milliseconds, then answers a plain string.</summary>
public sealed partial class Slow(ILogger<Slow> logger)
{
    [Function(nameof(Slow))]
    public async Task<string> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{ms:int}")] HttpRequestData request,
        int ms,
        CancellationToken cancellationToken)
    {
        LogStarted(logger, ms);
        await Task.Delay(ms, cancellationToken);
        return "done";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slow started for {Milliseconds} ms")]
    private static partial void LogStarted(ILogger logger, int milliseconds);
}
