using FunctionsOrders.PaymentFunctions.Processing;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The set of orders processed lately: bounded, oldest out first, safe to share between batches.</summary>
public sealed class RecentPaymentsTests
{
    [Fact]
    public void An_added_order_is_recent_and_adding_it_again_changes_nothing()
    {
        var recent = new RecentPayments();

        recent.Add("order-1");
        recent.Add("order-1");

        Assert.True(recent.Contains("order-1"));
        Assert.False(recent.Contains("order-2"));
        Assert.Equal(1, recent.Count);
    }

    [Fact]
    public void Past_its_capacity_it_forgets_the_oldest_orders_first()
    {
        var recent = new RecentPayments();

        for (var i = 0; i < RecentPayments.Capacity + 3; i++)
        {
            recent.Add($"order-{i}");
        }

        Assert.Equal(RecentPayments.Capacity, recent.Count);
        Assert.False(recent.Contains("order-0"));
        Assert.False(recent.Contains("order-2"));
        Assert.True(recent.Contains("order-3"));
        Assert.True(recent.Contains($"order-{RecentPayments.Capacity + 2}"));
    }

    [Fact]
    public void A_repeated_add_does_not_make_an_order_younger()
    {
        var recent = new RecentPayments();
        recent.Add("first");
        for (var i = 0; i < RecentPayments.Capacity - 1; i++)
        {
            recent.Add($"order-{i}");
        }

        recent.Add("first");
        recent.Add("one-more");

        Assert.False(recent.Contains("first"));
        Assert.Equal(RecentPayments.Capacity, recent.Count);
    }

    [Fact]
    public async Task Adds_from_many_threads_at_once_keep_every_order_until_the_capacity_and_no_more()
    {
        var recent = new RecentPayments();
        const int Threads = 8;
        var perThread = RecentPayments.Capacity / Threads;

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                recent.Add($"order-{t}-{i}");
            }
        })));

        Assert.Equal(Threads * perThread, recent.Count);
        Assert.All(Enumerable.Range(0, Threads), t => Assert.True(recent.Contains($"order-{t}-{perThread - 1}")));

        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                recent.Add($"later-{t}-{i}");
            }
        })));

        Assert.Equal(RecentPayments.Capacity, recent.Count);
        Assert.All(Enumerable.Range(0, Threads), t => Assert.True(recent.Contains($"later-{t}-{perThread - 1}")));
    }
}
