using System.Text.Json.Serialization;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.Report;

/// <summary>The baselines: the intake's work without the Functions layers, and JetStream and Azurite on their own.</summary>
internal sealed record BaselineSection
{
    /// <summary>Step-mode maximum of the direct intake (bare Kestrel, same intake classes).</summary>
    public required double DirectPublishMaxRatePerS { get; init; }

    [JsonPropertyName("direct_publish_p50_ms")]
    public required double? DirectPublishP50Ms { get; init; }

    [JsonPropertyName("direct_publish_p99_ms")]
    public required double? DirectPublishP99Ms { get; init; }

    public required double JetstreamPublishSerialPerS { get; init; }

    public required double JetstreamPublishPipelinedPerS { get; init; }

    public required int JetstreamPublishWindow { get; init; }

    public required double JetstreamFetchAckPerS { get; init; }

    public required int JetstreamFetchBatch { get; init; }

    /// <summary>Size of the published payload, an encoded <c>OrderCreated</c>.</summary>
    public required int PayloadBytes { get; init; }

    public required double AzuriteInsertPerS { get; init; }

    public required int AzuriteInsertConcurrency { get; init; }

    /// <summary>The direct intake's steps.</summary>
    public required StepSeries Direct { get; init; }
}
