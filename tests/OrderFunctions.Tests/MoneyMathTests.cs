using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.OrderFunctions.Intake;

namespace FunctionsOrders.OrderFunctions.Tests;

public sealed class MoneyMathTests
{
    [Theory]
    [InlineData("19.99", 2, 1999)]
    [InlineData("0.1", 2, 10)]
    [InlineData("1500", 0, 1500)]
    [InlineData("1.234", 3, 1234)]
    public void Decimal_amounts_become_exact_minor_units(string amount, int digits, long minor)
    {
        Assert.True(MoneyMath.TryToMinor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), digits, out var actual));
        Assert.Equal(minor, actual);
    }

    [Theory]
    [InlineData("79228162514264337593543950335", 2)]
    [InlineData("1000000000000000000000000000", 2)]
    [InlineData("100000000000000000000000000", 3)]
    [InlineData("-79228162514264337593543950335", 2)]
    [InlineData("92233720368547758.08", 2)]
    public void Amounts_whose_minor_units_pass_int64_or_decimal_are_refused_not_thrown(string amount, int digits) =>
        Assert.False(MoneyMath.TryToMinor(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), digits, out _));

    [Fact]
    public void Sums_that_a_double_gets_wrong_are_exact()
    {
        // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
        Assert.True(MoneyMath.TryTotal([(1, 10), (1, 20)], out var total));
        Assert.Equal(30, total);
        Assert.Equal(0.3m, MoneyMath.ToDecimal(total, 2));
    }

    [Fact]
    public void Overflow_is_reported_not_wrapped()
    {
        Assert.False(MoneyMath.TryTotal([(1000, long.MaxValue / 999)], out _));
        Assert.False(MoneyMath.TryTotal([(1, long.MaxValue), (1, 1)], out _));
    }

    [Theory]
    [InlineData(3998L, 2, 39L, 980_000_000)]
    [InlineData(1500L, 0, 1500L, 0)]
    [InlineData(1234L, 3, 1L, 234_000_000)]
    public void Minor_units_round_trip_through_the_money_message(long minor, int digits, long units, int nanos)
    {
        var money = MoneyMath.ToMoney("EUR", minor, digits);

        Assert.Equal(new Money { CurrencyCode = "EUR", Units = units, Nanos = nanos }, money);
        Assert.True(MoneyMath.TryFromMoney(money, digits, out var back));
        Assert.Equal(minor, back);
    }

    [Fact]
    public void Money_with_sub_minor_precision_is_refused() =>
        Assert.False(MoneyMath.TryFromMoney(new Money { CurrencyCode = "EUR", Units = 1, Nanos = 5 }, 2, out _));
}
