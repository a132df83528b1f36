namespace FunctionsOrders.OrderFunctions.Status;

/// <summary>An amount in API bodies: <c>{ "currency": "EUR", "amount": 39.98 }</c>, exact decimal.</summary>
internal sealed record MoneyView(string Currency, decimal Amount);
