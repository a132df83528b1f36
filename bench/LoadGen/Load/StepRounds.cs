using System.Globalization;
using System.Text.Json.Serialization;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Every climb of the step ladder by the direct intake and by the intake, round by round: each round's maximum and
/// why it stopped. Each side's reported climb is its median round (<see cref="Median"/>).
/// </summary>
internal sealed record StepRounds
{
    public required int Rounds { get; init; }

    /// <summary>
    /// Which side climbed first in each round (<c>direct</c> or <c>intake</c>): they take turns. Empty in results
    /// written before the sides took turns, where the direct intake always went first.
    /// </summary>
    public IReadOnlyList<string> FirstInRound { get; init; } = [];

    /// <summary>Each round's maximum of the direct intake, in order.</summary>
    [JsonPropertyName("direct_max_rate_per_s")]
    public required IReadOnlyList<double> DirectMaxRates { get; init; }

    /// <summary>Each round's maximum of the intake, in order.</summary>
    [JsonPropertyName("intake_max_rate_per_s")]
    public required IReadOnlyList<double> IntakeMaxRates { get; init; }

    public required IReadOnlyList<string> DirectStoppedBecause { get; init; }

    public required IReadOnlyList<string> IntakeStoppedBecause { get; init; }

    /// <summary>e.g. <c>3000, 4000, 2000/s</c>.</summary>
    [JsonIgnore]
    public string DirectMaxima => Maxima(DirectMaxRates);

    [JsonIgnore]
    public string IntakeMaxima => Maxima(IntakeMaxRates);

    /// <summary>Which side climbs first in round <paramref name="round"/> (1-based): the direct intake in odd rounds.</summary>
    public static bool DirectFirst(int round) => round % 2 == 1;

    public static StepRounds Of(IReadOnlyList<StepSeries> direct, IReadOnlyList<StepSeries> intake)
    {
        if (direct.Count == 0 || direct.Count != intake.Count)
        {
            throw new ArgumentException("Each side needs the same number of rounds, at least one.", nameof(intake));
        }

        return new StepRounds
        {
            Rounds = direct.Count,
            FirstInRound = [.. Enumerable.Range(1, direct.Count).Select(r => DirectFirst(r) ? "direct" : "intake")],
            DirectMaxRates = [.. direct.Select(s => s.MaxRatePerS)],
            IntakeMaxRates = [.. intake.Select(s => s.MaxRatePerS)],
            DirectStoppedBecause = [.. direct.Select(s => s.StoppedBecause)],
            IntakeStoppedBecause = [.. intake.Select(s => s.StoppedBecause)],
        };
    }

    /// <summary>The round whose maximum is the median of the rounds' maxima; of two middle ones, the lower.</summary>
    public static StepSeries Median(IReadOnlyList<StepSeries> rounds) =>
        rounds.Count == 0
            ? throw new ArgumentException("No rounds.", nameof(rounds))
            : rounds.OrderBy(s => s.MaxRatePerS).ElementAt((rounds.Count - 1) / 2);

    private static string Maxima(IEnumerable<double> rates) =>
        string.Join(", ", rates.Select(r => r.ToString("0", CultureInfo.InvariantCulture))) + "/s";
}
