using System.Security.Cryptography;
using FunctionsOrders.OrderFunctions.Intake;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class OrderIdsTests
{
    private static readonly OrderIds Ids = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Same_customer_and_key_give_the_same_version_8_id()
    {
        var first = Ids.For("cust-42", "key-1");

        Assert.Equal(first, Ids.For("cust-42", "key-1"));
        Assert.True(OrderIds.IsWellFormed(first));
        Assert.Equal('8', first[14]);
        Assert.Contains(first[19], "89ab");
    }

    [Fact]
    public void Another_customer_or_key_gives_another_id()
    {
        Assert.NotEqual(Ids.For("cust-42", "key-1"), Ids.For("cust-43", "key-1"));
        Assert.NotEqual(Ids.For("cust-42", "key-1"), Ids.For("cust-42", "key-2"));
        Assert.NotEqual(Ids.For("a", "bc"), Ids.For("ab", "c"));
        Assert.NotEqual(Ids.For("a\u001fb", "c"), Ids.For("a", "b\u001fc"));
    }

    [Fact]
    public void Without_the_secret_key_the_id_of_a_customer_and_key_cannot_be_computed()
    {
        // The same customer and Idempotency-Key under another key: nobody without the deployment's secret can
        // compute (and so read or claim in advance) another customer's order id.
        var other = new OrderIds(RandomNumberGenerator.GetBytes(32));

        Assert.NotEqual(Ids.For("cust-42", "key-1"), other.For("cust-42", "key-1"));
    }

    [Fact]
    public void The_configured_key_is_used()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var configured = new OrderIds(Options.Create(new IntakeOptions { OrderIdKey = Convert.ToBase64String(key) }));

        Assert.Equal(new OrderIds(key).For("cust-42", "key-1"), configured.For("cust-42", "key-1"));
    }

    [Fact]
    public void Without_a_key_every_order_gets_a_new_random_id() =>
        Assert.NotEqual(Ids.For("cust-42", null), Ids.For("cust-42", null));

    [Theory]
    [InlineData("0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10", true)]
    [InlineData("0D9C6A9E-4B8F-4D36-9A51-3F0B1E7F2A10", false)]
    [InlineData("0d9c6a9e4b8f4d369a513f0b1e7f2a10", false)]
    [InlineData("not-an-id", false)]
    [InlineData("", false)]
    public void Only_lower_case_hyphenated_uuids_are_well_formed(string id, bool wellFormed) =>
        Assert.Equal(wellFormed, OrderIds.IsWellFormed(id));
}
