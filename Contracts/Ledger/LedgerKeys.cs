using System.Globalization;

namespace FunctionsOrders.Contracts.Ledger;

/// <summary>
/// Keys of the payment ledger's rows. RowKey is the order id; PartitionKey is one of <c>PartitionCount</c> partitions
/// (<c>000</c>, <c>001</c>, …) picked by a stable hash of the order id, so that a point read finds an order's row
/// from its id alone and the rows of one dispatch batch that share a partition can be written in one entity-group
/// transaction. One row in the partition <see cref="LayoutPartitionKey"/> records the partition count the table
/// was created with: rows written under another count would not be found by their point reads.
/// </summary>
public static class LedgerKeys
{
    /// <summary>The most partitions a ledger can have.</summary>
    public const int MaxPartitionCount = 256;

    /// <summary>PartitionKey of the table's layout row (sorts after every partition of payment rows).</summary>
    public const string LayoutPartitionKey = "layout";

    /// <summary>RowKey of the table's layout row.</summary>
    public const string LayoutRowKey = "ledger";

    /// <summary>Column of the layout row holding the partition count.</summary>
    public const string PartitionCountColumn = "PartitionCount";

    /// <summary>
    /// The PartitionKey of <paramref name="orderId"/>'s row: FNV-1a (32 bits) over the id's UTF-16 code units,
    /// modulo <paramref name="partitionCount"/>, as three digits.
    /// </summary>
    public static string PartitionKey(string orderId, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partitionCount, MaxPartitionCount);
        if (partitionCount == 1)
        {
            return Partition(0);
        }

        var hash = 2166136261u;
        foreach (var c in orderId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return Partition((int)(hash % (uint)partitionCount));
    }

    /// <summary>True for the PartitionKey of a payment row (not the layout row).</summary>
    public static bool IsPaymentPartition(string partitionKey) =>
        partitionKey is { Length: 3 } && char.IsAsciiDigit(partitionKey[0]) && char.IsAsciiDigit(partitionKey[1]) && char.IsAsciiDigit(partitionKey[2]);

    private static string Partition(int index) => index.ToString("D3", CultureInfo.InvariantCulture);
}
