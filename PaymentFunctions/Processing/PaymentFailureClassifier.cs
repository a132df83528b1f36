using Azure;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Provider;
using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>Turns a failure while charging into the RETRY reason and delay the bridge gets.</summary>
internal sealed class PaymentFailureClassifier(IOptions<PaymentOptions> options, ProviderCircuitState circuit)
{
    // An open breaker may be about to half-open; never ask for less than this, so the bridge does not spin.
    private static readonly TimeSpan MinimumBreakerDelay = TimeSpan.FromMilliseconds(100);

    public (string Reason, TimeSpan Delay) Classify(Exception exception)
    {
        var delay = options.Value.RetryDelay;
        return exception switch
        {
            PaymentProviderException { Failure: ProviderFailure.BreakerOpen } open =>
                (OutcomeReasons.BreakerOpen, Max(open.RetryAfter ?? circuit.RemainingBreak(), MinimumBreakerDelay)),
            PaymentProviderException provider => (ReasonOf(provider.Failure), delay),
            RequestFailedException or Ledger.LedgerLayoutException => (OutcomeReasons.LedgerUnavailable, delay),
            JetStreamPublishException => (OutcomeReasons.PublishFailed, delay),
            _ => (OutcomeReasons.InternalError, delay),
        };
    }

    private static string ReasonOf(ProviderFailure failure) => failure switch
    {
        ProviderFailure.Timeout => OutcomeReasons.ProviderTimeout,
        ProviderFailure.AuthRejected => OutcomeReasons.ProviderAuthRejected,
        ProviderFailure.NotFound => OutcomeReasons.ProviderNotFound,
        ProviderFailure.RateLimited => OutcomeReasons.ProviderRateLimited,
        ProviderFailure.UnknownAnswer => OutcomeReasons.ProviderUnknownAnswer,
        ProviderFailure.RequestRejected => OutcomeReasons.ProviderRequestRejected,
        ProviderFailure.Pending => OutcomeReasons.ProviderPending,
        _ => OutcomeReasons.ProviderUnavailable,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
