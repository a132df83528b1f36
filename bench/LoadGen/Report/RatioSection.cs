namespace FunctionsOrders.LoadGen.Report;

/// <summary>How the system compares with its baselines; null where a divisor is zero.</summary>
internal sealed record RatioSection
{
    /// <summary><c>intake.max_rate_per_s / baseline.direct_publish_max_rate_per_s</c>: what the Functions layers leave of the direct intake.</summary>
    public required double? IntakeToDirectMaxRate { get; init; }

    /// <summary><c>intake.max_rate_per_s / baseline.jetstream_publish_pipelined_per_s</c>.</summary>
    public required double? IntakeToJetstreamPipelined { get; init; }

    /// <summary><c>baseline.direct_publish_max_rate_per_s / baseline.jetstream_publish_pipelined_per_s</c>.</summary>
    public required double? DirectToJetstreamPipelined { get; init; }

    /// <summary><c>e2e.completed_per_s / e2e.rate_per_s</c>.</summary>
    public required double? E2eCompletedToOffered { get; init; }

    /// <summary><c>e2e_sustainable.max_rate_per_s / baseline.azurite_insert_per_s</c>: the ledger's store is the floor of the flow; 0 when no rate held.</summary>
    public double? E2eSustainableToAzuriteInsert { get; init; }

    public static double? Of(double numerator, double denominator) => denominator > 0 ? Math.Round(numerator / denominator, 4) : null;
}
