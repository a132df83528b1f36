using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Status;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class StatusTransitionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly OrderCreated Created = new()
    {
        OrderId = "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10",
        Total = new Money { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 },
        CreatedAt = Timestamp.FromDateTimeOffset(Now),
    };

    private static readonly PaymentProcessed Paid = Payment(PaymentStatus.Succeeded, "");
    private static readonly PaymentProcessed Declined = Payment(PaymentStatus.Declined, "card_declined");

    [Fact]
    public void Created_order_is_pending_with_its_total()
    {
        var record = StatusTransitions.Apply(null, Created, Now)!;

        Assert.Equal(OrderStatus.Pending, record.Status);
        Assert.Equal(3998, record.TotalMinor);
        Assert.Equal(Now, record.CreatedAt);
    }

    [Fact]
    public void The_customer_comes_from_the_payment_alone_or_from_the_order_that_follows()
    {
        var paymentFirst = StatusTransitions.Apply(null, new PaymentProcessed(Paid) { CustomerId = "cust-42" }, Now)!;
        var olderProducer = StatusTransitions.Apply(null, Paid, Now)!;
        var filledIn = StatusTransitions.Apply(olderProducer, new OrderCreated(Created) { CustomerId = "cust-42" }, Now)!;

        Assert.Equal("cust-42", paymentFirst.CustomerId);
        Assert.Null(olderProducer.CustomerId);
        Assert.Equal("cust-42", filledIn.CustomerId);
        Assert.Equal(OrderStatus.Paid, filledIn.Status);
        Assert.Equal("cust-42", StatusTransitions.Apply(null, new OrderCreated(Created) { CustomerId = "cust-42" }, Now)!.CustomerId);
    }

    [Fact]
    public void Payment_moves_pending_to_paid_and_a_replay_changes_nothing()
    {
        var pending = StatusTransitions.Apply(null, Created, Now)!;
        var paid = StatusTransitions.Apply(pending, Paid, Now)!;

        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Null(StatusTransitions.Apply(paid, Paid, Now));
        Assert.Null(StatusTransitions.Apply(paid, Created, Now));
    }

    [Fact]
    public void Final_status_is_never_left()
    {
        var failed = StatusTransitions.Apply(StatusTransitions.Apply(null, Created, Now), Declined, Now)!;

        Assert.Equal(OrderStatus.PaymentFailed, failed.Status);
        Assert.Equal("card_declined", failed.FailureReason);
        Assert.Null(StatusTransitions.Apply(failed, Paid, Now));
    }

    [Fact]
    public void Payment_before_the_order_is_kept_and_the_order_fills_in_the_rest()
    {
        var paid = StatusTransitions.Apply(null, Paid, Now)!;
        var complete = StatusTransitions.Apply(paid, Created, Now)!;

        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Null(paid.CreatedAt);
        Assert.Equal(OrderStatus.Paid, complete.Status);
        Assert.Equal(Now, complete.CreatedAt);
        Assert.Null(StatusTransitions.Apply(complete, Created, Now));
    }

    [Fact]
    public void A_payment_alone_makes_the_whole_order_from_its_order_created_at()
    {
        var paid = Paid.Clone();
        paid.OrderCreatedAt = Created.CreatedAt;

        var record = StatusTransitions.Apply(null, paid, Now)!;

        Assert.Equal(OrderStatus.Paid, record.Status);
        Assert.Equal(Now, record.CreatedAt);
        Assert.Equal(Now.AddSeconds(1), record.UpdatedAt);
        Assert.Equal(("EUR", 3998L), (record.Currency, record.TotalMinor));
        Assert.Equal("ch_1", record.PaymentId);
        Assert.Null(StatusTransitions.Apply(record, Created, Now));
    }

    private static PaymentProcessed Payment(PaymentStatus status, string reason) => new()
    {
        OrderId = Created.OrderId,
        PaymentId = "ch_1",
        Status = status,
        FailureReason = reason,
        Amount = Created.Total,
        ProcessedAt = Timestamp.FromDateTimeOffset(Now.AddSeconds(1)),
    };
}
