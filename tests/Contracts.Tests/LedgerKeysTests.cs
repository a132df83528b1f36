using FunctionsOrders.Contracts.Ledger;

namespace FunctionsOrders.Contracts.Tests;

public sealed class LedgerKeysTests
{
    [Fact]
    public void One_partition_holds_every_order()
    {
        Assert.Equal("000", LedgerKeys.PartitionKey("0f8fad5b-d9cb-469f-a165-70867728950e", 1));
        Assert.Equal("000", LedgerKeys.PartitionKey(string.Empty, 1));
    }

    [Fact]
    public void The_partition_of_an_order_is_fixed_by_its_id_and_the_count()
    {
        // FNV-1a of "order-1" is 0x2B7FCD6D; these must never change, or stored rows could no longer be found.
        Assert.Equal("005", LedgerKeys.PartitionKey("order-1", 8));
        Assert.Equal("109", LedgerKeys.PartitionKey("order-1", 256));
        Assert.Equal(LedgerKeys.PartitionKey("order-1", 8), LedgerKeys.PartitionKey(new string("order-1".ToCharArray()), 8));
    }

    [Fact]
    public void Orders_spread_over_every_partition()
    {
        var counts = Enumerable.Range(0, 8000)
            .GroupBy(i => LedgerKeys.PartitionKey(Guid.NewGuid().ToString("D"), 8))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(["000", "001", "002", "003", "004", "005", "006", "007"], counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, count => Assert.InRange(count, 800, 1200));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void A_count_out_of_range_is_refused(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerKeys.PartitionKey("order-1", count));

    [Fact]
    public void Payment_partitions_sort_before_the_layout_row_and_are_told_from_it()
    {
        Assert.True(string.CompareOrdinal(LedgerKeys.PartitionKey("order-1", 256), LedgerKeys.LayoutPartitionKey) < 0);
        Assert.True(string.CompareOrdinal("255", LedgerKeys.LayoutPartitionKey) < 0);
        Assert.True(LedgerKeys.IsPaymentPartition("007"));
        Assert.False(LedgerKeys.IsPaymentPartition(LedgerKeys.LayoutPartitionKey));
        Assert.False(LedgerKeys.IsPaymentPartition("order-1"));
    }
}
