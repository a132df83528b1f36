namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>One entry of the provider's <c>GET /v1/charges</c>; the fields the checks need.</summary>
internal sealed record ProviderCharge(string Id, string OrderId, string Status, string? Reason)
{
    public const string Succeeded = "succeeded";

    public bool IsSucceeded => string.Equals(Status, Succeeded, StringComparison.OrdinalIgnoreCase);
}
