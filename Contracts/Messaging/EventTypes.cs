using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.Contracts.Messaging;

/// <summary>Values of the <see cref="MessageHeaders.EventType"/> header: the protobuf full names.</summary>
public static class EventTypes
{
    /// <summary><c>orders.v1.OrderCreated</c>.</summary>
    public static readonly string OrderCreated = Orders.V1.OrderCreated.Descriptor.FullName;

    /// <summary><c>orders.v1.PaymentProcessed</c>.</summary>
    public static readonly string PaymentProcessed = Orders.V1.PaymentProcessed.Descriptor.FullName;
}
