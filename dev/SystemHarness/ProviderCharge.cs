namespace FunctionsOrders.SystemHarness;

/// <summary>One charge as the payment simulator lists it.</summary>
public sealed record ProviderCharge(string Id, string OrderId, string CustomerId, decimal Amount, string Currency, string Status, string? Reason);
