using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>A PaymentProcessed as stored in the PAYMENTS stream.</summary>
internal sealed record StoredPayment(string Subject, string MessageId, PaymentProcessed Event);
