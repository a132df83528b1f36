using System.Text.Json.Serialization;

namespace FunctionsOrders.LoadGen.Report;

/// <summary>The settings the figures were measured with.</summary>
internal sealed record SettingsSection
{
    public required IReadOnlyList<double> StepRatesPerS { get; init; }

    public required double StepS { get; init; }

    public required double WarmupS { get; init; }

    [JsonPropertyName("p99_limit_ms")]
    public required double P99LimitMs { get; init; }

    public required int MaxInFlight { get; init; }

    public required double RequestTimeoutS { get; init; }

    public required double BaselineS { get; init; }

    public required double E2eS { get; init; }

    public required double E2eWaitS { get; init; }

    public required int OrderBodyBytes { get; init; }

    public required bool Telemetry { get; init; }

    /// <summary>
    /// Where Azurite kept its data: <c>memory</c> (the default) or <c>disk</c> (<c>--azurite-on-disk</c>, as under
    /// <c>./run.sh</c>); absent from results older than the choice, which were all on disk.
    /// </summary>
    public string? AzuriteData { get; init; }
}
