namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Why a charge (or a search for one) got no final answer from the provider.</summary>
internal enum ProviderFailure
{
    /// <summary>The provider failed (5xx, 408, 409) or could not be reached.</summary>
    Unavailable,

    /// <summary>No answer within the attempt or total timeout.</summary>
    Timeout,

    /// <summary>The circuit breaker is open: the call was not made.</summary>
    BreakerOpen,

    /// <summary>The provider refused the app's credentials (401, 403).</summary>
    AuthRejected,

    /// <summary>The provider's endpoint was not found (404, 405, 410): a gateway or deploy, not the charge.</summary>
    NotFound,

    /// <summary>The provider asked the app to slow down (429).</summary>
    RateLimited,

    /// <summary>A status or body that is not a known outcome.</summary>
    UnknownAnswer,

    /// <summary>The provider called the request invalid (400, 422): not worth an immediate retry, and not a payment outcome.</summary>
    RequestRejected,

    /// <summary>The charge exists but is not final yet (pending, processing, requires_action).</summary>
    Pending,
}
