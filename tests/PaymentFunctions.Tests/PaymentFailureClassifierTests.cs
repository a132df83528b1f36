using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Processing;
using FunctionsOrders.PaymentFunctions.Provider;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The RETRY reason and delay each provider failure gets.</summary>
public sealed class PaymentFailureClassifierTests
{
    [Theory]
    [InlineData(nameof(ProviderFailure.Unavailable), OutcomeReasons.ProviderUnavailable)]
    [InlineData(nameof(ProviderFailure.Timeout), OutcomeReasons.ProviderTimeout)]
    [InlineData(nameof(ProviderFailure.AuthRejected), OutcomeReasons.ProviderAuthRejected)]
    [InlineData(nameof(ProviderFailure.NotFound), OutcomeReasons.ProviderNotFound)]
    [InlineData(nameof(ProviderFailure.RateLimited), OutcomeReasons.ProviderRateLimited)]
    [InlineData(nameof(ProviderFailure.UnknownAnswer), OutcomeReasons.ProviderUnknownAnswer)]
    [InlineData(nameof(ProviderFailure.RequestRejected), OutcomeReasons.ProviderRequestRejected)]
    [InlineData(nameof(ProviderFailure.Pending), OutcomeReasons.ProviderPending)]
    public void Each_provider_failure_has_its_reason_and_the_configured_delay(string failure, string reason)
    {
        var delay = TimeSpan.FromSeconds(7);
        var classifier = new PaymentFailureClassifier(Options.Create(new PaymentOptions { RetryDelay = delay }), new ProviderCircuitState(new FakeTimeProvider()));

        Assert.Equal((reason, delay), classifier.Classify(new PaymentProviderException(Enum.Parse<ProviderFailure>(failure), "no final answer")));
    }
}
