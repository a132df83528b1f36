using System.Text.Json;
using FunctionsOrders.LoadGen.Load;
using FunctionsOrders.LoadGen.Report;

namespace FunctionsOrders.LoadGen.Tests;

/// <summary>The suite reports each side's median climb of the step ladder, and every round's maximum in the JSON.</summary>
public sealed class StepRoundsTests
{
    [Fact]
    public void The_median_round_is_the_one_with_the_median_maximum()
    {
        Assert.Equal(6000, StepRounds.Median([Series(4000), Series(8000), Series(6000)]).MaxRatePerS);
        Assert.Equal(1500, StepRounds.Median([Series(1500), Series(3000), Series(0)]).MaxRatePerS);
    }

    [Fact]
    public void Of_two_middle_rounds_the_lower_is_the_median()
    {
        Assert.Equal(2000, StepRounds.Median([Series(3000), Series(2000)]).MaxRatePerS);
    }

    [Fact]
    public void The_sides_take_turns_at_going_first()
    {
        var rounds = StepRounds.Of([Series(1), Series(2), Series(3)], [Series(4), Series(5), Series(6)]);

        Assert.Equal(["direct", "intake", "direct"], rounds.FirstInRound);
        Assert.Equal("1, 2, 3/s", rounds.DirectMaxima);
    }

    [Fact]
    public void The_rounds_survive_the_json_the_render_command_reads_back()
    {
        var rounds = StepRounds.Of([Series(4000), Series(2000)], [Series(1000), Series(3000)]);

        var json = JsonSerializer.Serialize(rounds, SuiteReport.Json);
        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal([4000, 2000], document.RootElement.GetProperty("direct_max_rate_per_s").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal([1000, 3000], document.RootElement.GetProperty("intake_max_rate_per_s").EnumerateArray().Select(e => e.GetDouble()));
        }

        var back = JsonSerializer.Deserialize<StepRounds>(json, SuiteReport.Json)!;
        Assert.Equal(2, back.Rounds);
        Assert.Equal(rounds.DirectMaxRates, back.DirectMaxRates);
        Assert.Equal(rounds.IntakeMaxRates, back.IntakeMaxRates);
        Assert.Equal(rounds.FirstInRound, back.FirstInRound);
        Assert.Equal(rounds.IntakeStoppedBecause, back.IntakeStoppedBecause);
    }

    [Fact]
    public void Rounds_recorded_before_the_sides_took_turns_still_read()
    {
        const string Json = """
            {"rounds":3,"direct_max_rate_per_s":[3500,5000,2000],"intake_max_rate_per_s":[3000,2000,3000],
             "direct_stopped_because":["a","b","c"],"intake_stopped_because":["d","e","f"]}
            """;

        var rounds = JsonSerializer.Deserialize<StepRounds>(Json, SuiteReport.Json)!;

        Assert.Equal("3000, 2000, 3000/s", rounds.IntakeMaxima);
        Assert.Empty(rounds.FirstInRound);
    }

    [Fact]
    public void Both_sides_need_the_same_number_of_rounds()
    {
        Assert.Throws<ArgumentException>(() => StepRounds.Of([Series(1)], []));
    }

    private static StepSeries Series(double max) => new()
    {
        MaxRatePerS = max,
        P50Ms = null,
        P99Ms = null,
        P99LimitMs = 50,
        StepS = 4,
        StoppedBecause = $"stopped {max}",
        Steps = [],
    };
}
