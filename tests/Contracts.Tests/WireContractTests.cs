using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf.Reflection;

namespace FunctionsOrders.Contracts.Tests;

/// <summary>Field numbers are the wire contract: these pin the ones other services depend on.</summary>
public sealed class WireContractTests
{
    [Theory]
    [InlineData("orders.v1.OrderCreated", "order_id", 1)]
    [InlineData("orders.v1.OrderCreated", "customer_id", 2)]
    [InlineData("orders.v1.OrderCreated", "items", 3)]
    [InlineData("orders.v1.OrderCreated", "total", 4)]
    [InlineData("orders.v1.OrderCreated", "created_at", 5)]
    [InlineData("orders.v1.OrderCreated", "idempotency_key", 6)]
    [InlineData("orders.v1.Money", "currency_code", 1)]
    [InlineData("orders.v1.Money", "units", 2)]
    [InlineData("orders.v1.Money", "nanos", 3)]
    [InlineData("orders.v1.PaymentProcessed", "order_id", 1)]
    [InlineData("orders.v1.PaymentProcessed", "status", 3)]
    [InlineData("bridge.v1.DispatchMessage", "stream_sequence", 1)]
    [InlineData("bridge.v1.DispatchMessage", "payload", 5)]
    [InlineData("bridge.v1.MessageOutcome", "outcome", 2)]
    [InlineData("bridge.v1.MessageOutcome", "retry_delay", 3)]
    public void Field_keeps_its_number(string message, string field, int number)
    {
        var descriptor = Find(message);

        Assert.Equal(number, descriptor.FindFieldByName(field).FieldNumber);
    }

    [Fact]
    public void Money_is_never_floating_point()
    {
        var moneyFields = new[] { OrderCreated.Descriptor, LineItem.Descriptor, PaymentProcessed.Descriptor, Money.Descriptor }
            .SelectMany(d => d.Fields.InFieldNumberOrder());

        Assert.DoesNotContain(moneyFields, f => f.FieldType is FieldType.Double or FieldType.Float);
    }

    [Fact]
    public void Enums_have_an_unspecified_zero()
    {
        Assert.Equal(PaymentStatus.Unspecified, (PaymentStatus)0);
        Assert.Equal(Outcome.Unspecified, (Outcome)0);
    }

    [Fact]
    public void Event_type_header_values_are_the_protobuf_full_names()
    {
        Assert.Equal("orders.v1.OrderCreated", EventTypes.OrderCreated);
        Assert.Equal("orders.v1.PaymentProcessed", EventTypes.PaymentProcessed);
    }

    private static MessageDescriptor Find(string fullName) =>
        new[] { OrderCreated.Descriptor.File, Money.Descriptor.File, PaymentProcessed.Descriptor.File, DispatchBatch.Descriptor.File }
            .SelectMany(f => f.MessageTypes)
            .Single(m => m.FullName == fullName);
}
