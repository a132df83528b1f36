using System.Text.Json;
using FunctionsOrders.LoadGen.Load;
using FunctionsOrders.LoadGen.Report;

namespace FunctionsOrders.LoadGen.Tests;

/// <summary>The suite reports each side's median climb of the step ladder, and every round's maximum in the JSON.</summary>
public sealed class StepRoundsTests
{
    [Fact]
    public void Each_side_reports_its_median_round()
    {
        var rounds = new StepRounds([Series(4000), Series(8000), Series(6000)], [Series(1500), Series(3000), Series(0)]);

        Assert.Equal(6000, rounds.MedianDirect.MaxRatePerS);
        Assert.Equal(1500, rounds.MedianIntake.MaxRatePerS);
        Assert.Equal("4000, 8000, 6000/s", rounds.DirectMaxima);
    }

    [Fact]
    public void Of_two_middle_rounds_the_lower_is_the_median()
    {
        var rounds = new StepRounds([Series(3000), Series(2000)], [Series(1000), Series(500)]);

        Assert.Equal(2000, rounds.MedianDirect.MaxRatePerS);
        Assert.Equal(500, rounds.MedianIntake.MaxRatePerS);
    }

    [Fact]
    public void The_json_lists_every_round_in_order()
    {
        var rounds = new StepRounds([Series(4000), Series(2000)], [Series(1000), Series(3000)]);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(rounds, SuiteReport.Json));

        Assert.Equal([4000, 2000], json.RootElement.GetProperty("direct_max_rate_per_s").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1000, 3000], json.RootElement.GetProperty("intake_max_rate_per_s").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(2, json.RootElement.GetProperty("rounds").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("direct", out _));
    }

    [Fact]
    public void Both_sides_need_the_same_number_of_rounds()
    {
        Assert.Throws<ArgumentException>(() => new StepRounds([Series(1)], []));
    }

    private static StepSeries Series(double max) => new()
    {
        MaxRatePerS = max,
        P50Ms = null,
        P99Ms = null,
        P99LimitMs = 50,
        StepS = 4,
        StoppedBecause = "test",
        Steps = [],
    };
}
