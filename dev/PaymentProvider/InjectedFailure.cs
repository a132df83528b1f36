using Microsoft.AspNetCore.WebUtilities;

namespace FunctionsOrders.PaymentProvider;

/// <summary>Fails an API call as the current faults say, after the injected latency; null when the call goes through.</summary>
internal static class InjectedFailure
{
    public static async Task<IResult?> ApplyAsync(FaultInjector faults, ILogger logger, string operation)
    {
        if (faults.FailureStatus() is not { } status)
        {
            return null;
        }

        await faults.DelayAsync();
        Log.FaultInjected(logger, operation, status);
        return Results.Problem(statusCode: status, title: ReasonPhrases.GetReasonPhrase(status),
            detail: $"An injected fault (status {status}) failed this request; nothing was charged.");
    }
}
