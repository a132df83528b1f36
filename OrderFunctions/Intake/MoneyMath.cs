using FunctionsOrders.Contracts.Orders.V1;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>Exact money arithmetic on integer minor units; never floating point.</summary>
internal static class MoneyMath
{
    private static readonly long[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

    /// <summary>Converts a decimal amount to minor units; false when it has more decimals than the currency allows or does not fit.</summary>
    public static bool TryToMinor(decimal amount, int digits, out long minor)
    {
        minor = 0;

        // Beyond int64 whole units nothing fits, and scaling such an amount could overflow decimal itself.
        if (amount > long.MaxValue || amount < long.MinValue)
        {
            return false;
        }

        var scaled = amount * PowersOfTen[digits];
        if (scaled != decimal.Truncate(scaled) || scaled > long.MaxValue || scaled < long.MinValue)
        {
            return false;
        }

        minor = (long)scaled;
        return true;
    }

    /// <summary>The decimal amount of <paramref name="minor"/> units, exact.</summary>
    public static decimal ToDecimal(long minor, int digits) => (decimal)minor / PowersOfTen[digits];

    /// <summary>Sum of quantity × unit price over the lines; false on int64 overflow.</summary>
    public static bool TryTotal(IEnumerable<(int Quantity, long UnitMinor)> lines, out long total)
    {
        total = 0;
        try
        {
            foreach (var (quantity, unit) in lines)
            {
                total = checked(total + checked(quantity * unit));
            }

            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>The protobuf <see cref="Money"/> of <paramref name="minor"/> units.</summary>
    public static Money ToMoney(string currency, long minor, int digits)
    {
        var scale = PowersOfTen[digits];
        return new Money
        {
            CurrencyCode = currency,
            Units = minor / scale,
            Nanos = (int)(minor % scale * (1_000_000_000 / scale)),
        };
    }

    /// <summary>The minor units of a protobuf <see cref="Money"/>; false when it has sub-minor precision or does not fit.</summary>
    public static bool TryFromMoney(Money money, int digits, out long minor)
    {
        minor = 0;
        var scale = PowersOfTen[digits];
        var nanosPerMinor = 1_000_000_000 / scale;
        if (money.Nanos % nanosPerMinor != 0 || (money.Units != 0 && money.Nanos != 0 && Math.Sign(money.Units) != Math.Sign(money.Nanos)))
        {
            return false;
        }

        try
        {
            minor = checked((money.Units * scale) + (money.Nanos / nanosPerMinor));
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
