using FunctionsOrders.Contracts.Messaging;

namespace FunctionsOrders.Contracts.Tests;

public sealed class SubjectNamesTests
{
    [Fact]
    public void Without_prefix_subjects_are_the_documented_ones()
    {
        var subjects = new SubjectNames();

        Assert.Equal("orders.created.abc", subjects.OrderCreated("abc"));
        Assert.Equal("payments.processed.abc", subjects.PaymentProcessed("abc"));
        Assert.Equal("deadletter.payments", subjects.DeadLetter("payments"));
        Assert.Equal("orders.>", subjects.OrdersAll);
        Assert.Equal("orders.created.>", subjects.OrderCreatedAll);
        Assert.Equal("payments.>", subjects.PaymentsAll);
        Assert.Equal("payments.processed.>", subjects.PaymentProcessedAll);
        Assert.Equal("deadletter.>", subjects.DeadLetterAll);
    }

    [Fact]
    public void Prefix_goes_in_front_of_every_subject()
    {
        var subjects = new SubjectNames("t1");

        Assert.Equal("t1.orders.created.abc", subjects.OrderCreated("abc"));
        Assert.Equal("t1.deadletter.>", subjects.DeadLetterAll);
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a*")]
    [InlineData(">")]
    [InlineData("a b")]
    [InlineData("a\r\nPUB x 1")]
    [InlineData("")]
    public void Token_that_would_change_the_subject_is_refused(string orderId)
    {
        Assert.ThrowsAny<ArgumentException>(() => new SubjectNames().OrderCreated(orderId));
    }

    [Fact]
    public void Last_token_is_the_order_id()
    {
        Assert.Equal("abc", SubjectNames.LastToken("t1.orders.created.abc"));
    }
}
