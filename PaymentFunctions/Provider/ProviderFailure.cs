namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Why a charge got no answer from the provider.</summary>
internal enum ProviderFailure
{
    /// <summary>The provider failed (5xx, 408, 409, 429) or could not be reached.</summary>
    Unavailable,

    /// <summary>No answer within the attempt or total timeout.</summary>
    Timeout,

    /// <summary>The circuit breaker is open: the call was not made.</summary>
    BreakerOpen,
}
