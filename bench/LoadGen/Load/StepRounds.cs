using System.Globalization;
using System.Text.Json.Serialization;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// The direct intake's and the intake's climbs of the step ladder, in the order they ran (alternating), and the
/// median climb of each: the one whose maximum is the median of its rounds (of two middle ones, the lower).
/// </summary>
internal sealed record StepRounds
{
    public StepRounds(IReadOnlyList<StepSeries> direct, IReadOnlyList<StepSeries> intake)
    {
        if (direct.Count == 0 || direct.Count != intake.Count)
        {
            throw new ArgumentException("Each side needs the same number of rounds, at least one.", nameof(intake));
        }

        Direct = direct;
        Intake = intake;
    }

    /// <summary>Rounds each side climbed.</summary>
    public int Rounds => Direct.Count;

    /// <summary>Each round's maximum of the direct intake, in order.</summary>
    [JsonPropertyName("direct_max_rate_per_s")]
    public IReadOnlyList<double> DirectMaxRates => [.. Direct.Select(s => s.MaxRatePerS)];

    /// <summary>Each round's maximum of the intake, in order.</summary>
    [JsonPropertyName("intake_max_rate_per_s")]
    public IReadOnlyList<double> IntakeMaxRates => [.. Intake.Select(s => s.MaxRatePerS)];

    /// <summary>Why each round of the direct intake stopped.</summary>
    public IReadOnlyList<string> DirectStoppedBecause => [.. Direct.Select(s => s.StoppedBecause)];

    /// <summary>Why each round of the intake stopped.</summary>
    public IReadOnlyList<string> IntakeStoppedBecause => [.. Intake.Select(s => s.StoppedBecause)];

    [JsonIgnore]
    public IReadOnlyList<StepSeries> Direct { get; }

    [JsonIgnore]
    public IReadOnlyList<StepSeries> Intake { get; }

    [JsonIgnore]
    public StepSeries MedianDirect => Median(Direct);

    [JsonIgnore]
    public StepSeries MedianIntake => Median(Intake);

    /// <summary>e.g. <c>3000, 4000, 2000/s</c>.</summary>
    [JsonIgnore]
    public string DirectMaxima => Maxima(Direct);

    [JsonIgnore]
    public string IntakeMaxima => Maxima(Intake);

    private static StepSeries Median(IReadOnlyList<StepSeries> rounds) =>
        rounds.OrderBy(s => s.MaxRatePerS).ElementAt((rounds.Count - 1) / 2);

    private static string Maxima(IReadOnlyList<StepSeries> rounds) =>
        string.Join(", ", rounds.Select(s => s.MaxRatePerS.ToString("0", CultureInfo.InvariantCulture))) + "/s";
}
