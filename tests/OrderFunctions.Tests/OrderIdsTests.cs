using FunctionsOrders.OrderFunctions.Intake;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class OrderIdsTests
{
    [Fact]
    public void Same_customer_and_key_give_the_same_version_5_id()
    {
        var first = OrderIds.For("cust-42", "key-1");

        Assert.Equal(first, OrderIds.For("cust-42", "key-1"));
        Assert.True(OrderIds.IsWellFormed(first));
        Assert.Equal('5', first[14]);
        Assert.Contains(first[19], "89ab");
    }

    [Fact]
    public void Another_customer_or_key_gives_another_id()
    {
        Assert.NotEqual(OrderIds.For("cust-42", "key-1"), OrderIds.For("cust-43", "key-1"));
        Assert.NotEqual(OrderIds.For("cust-42", "key-1"), OrderIds.For("cust-42", "key-2"));
        Assert.NotEqual(OrderIds.For("a", "bc"), OrderIds.For("ab", "c"));
    }

    [Fact]
    public void Without_a_key_every_order_gets_a_new_random_id() =>
        Assert.NotEqual(OrderIds.For("cust-42", null), OrderIds.For("cust-42", null));

    [Theory]
    [InlineData("0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", true)]
    [InlineData("0D9C6A9E-4B8F-4D36-9A51-3F0B1E7F2A10", false)]
    [InlineData("0d9c6a9e4b8f4d369a513f0b1e7f2a10", false)]
    [InlineData("not-an-id", false)]
    [InlineData("", false)]
    public void Only_lower_case_hyphenated_uuids_are_well_formed(string id, bool wellFormed) =>
        Assert.Equal(wellFormed, OrderIds.IsWellFormed(id));
}
