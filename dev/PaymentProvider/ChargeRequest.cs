namespace FunctionsOrders.PaymentProvider;

/// <summary>Body of <c>POST /v1/charges</c>. <see cref="Amount"/> is in major units of <see cref="Currency"/>.</summary>
internal sealed record ChargeRequest(string? OrderId, string? CustomerId, decimal Amount, string? Currency)
{
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(OrderId))
        {
            return "orderId is required.";
        }

        if (string.IsNullOrWhiteSpace(CustomerId))
        {
            return "customerId is required.";
        }

        if (Amount <= 0)
        {
            return "amount must be greater than zero.";
        }

        return Currency is { Length: 3 } ? null : "currency must be a three-letter ISO 4217 code.";
    }
}
