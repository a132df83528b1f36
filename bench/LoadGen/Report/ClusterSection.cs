using FunctionsOrders.LoadGen.Baselines;
using FunctionsOrders.LoadGen.EndToEnd;
using FunctionsOrders.LoadGen.Harness;

namespace FunctionsOrders.LoadGen.Report;

/// <summary>
/// The cluster part of a run: the JetStream baselines and the moderate end-to-end run again, on a JetStream cluster
/// with every stream and the bucket replicated on each node, and each figure against the single-node one of the same
/// run (R3 ÷ R1; null where the single-node figure is missing or zero).
/// </summary>
internal sealed record ClusterSection
{
    /// <summary>The name every nats-server node's CPU is counted under when compared with the single server's.</summary>
    public const string NatsServer = "nats-server";

    public required int Nodes { get; init; }

    public required int Replicas { get; init; }

    /// <summary>How long the cluster part took, from the single-node system's stop to the cluster's.</summary>
    public required double Seconds { get; init; }

    public required ClusterJetStream Jetstream { get; init; }

    /// <summary>The moderate end-to-end run on the cluster; null when the run had none on one server to compare with.</summary>
    public EndToEndResult? E2eModerate { get; init; }

    public E2eRatios? E2eModerateRatiosToR1 { get; init; }

    /// <summary>CPU of the whole system on the cluster idle for a few seconds before the end-to-end run; null off Linux.</summary>
    public CpuUsage? IdleCpu { get; init; }

    /// <summary>The cluster's JetStream baselines, compared with <paramref name="r1"/>.</summary>
    public static ClusterJetStream JetStream(JetStreamFigures r3, JetStreamFigures r1) => new()
    {
        PublishSerialPerS = r3.SerialPerS,
        PublishPipelinedPerS = r3.PipelinedPerS,
        PublishWindow = r3.Window,
        FetchAckPerS = r3.FetchAckPerS,
        FetchBatch = r3.FetchBatch,
        PayloadBytes = r3.PayloadBytes,
        Failures = r3.Failures,
        StreamLeader = r3.StreamLeader,
        ClientServer = r3.ClientServer,
        RatiosToR1 = new JetStreamRatios
        {
            PublishSerial = RatioSection.Of(r3.SerialPerS, r1.SerialPerS),
            PublishPipelined = RatioSection.Of(r3.PipelinedPerS, r1.PipelinedPerS),
            FetchAck = RatioSection.Of(r3.FetchAckPerS, r1.FetchAckPerS),
        },
    };

    /// <summary>The cluster's moderate end-to-end run against the single server's.</summary>
    public static E2eRatios E2e(EndToEndResult r3, EndToEndResult r1)
    {
        var r3ByProcess = CpuMsPerOrderByProcess(r3.Cpu);
        var r1ByProcess = CpuMsPerOrderByProcess(r1.Cpu);
        return new E2eRatios
        {
            P50 = Of(r3.P50Ms, r1.P50Ms),
            P99 = Of(r3.P99Ms, r1.P99Ms),
            CompletedPerS = RatioSection.Of(r3.CompletedPerS, r1.CompletedPerS),
            CpuMsPerOrder = Of(r3.Cpu?.CpuMsPerOrder, r1.Cpu?.CpuMsPerOrder),
            CpuMsPerOrderByProcess = r3ByProcess.Keys.Union(r1ByProcess.Keys)
                .ToDictionary(name => name, name => Of(r3ByProcess.GetValueOrDefault(name), r1ByProcess.GetValueOrDefault(name))),
        };
    }

    /// <summary>CPU per finished order by process, the cluster's nodes (<c>nats-server n1</c>, ...) summed as <see cref="NatsServer"/>.</summary>
    public static IReadOnlyDictionary<string, double?> CpuMsPerOrderByProcess(CpuUsage? cpu) =>
        cpu is null
            ? new Dictionary<string, double?>()
            : cpu.ByProcess
                .GroupBy(p => Group(p.Name))
                .ToDictionary(g => g.Key, g => g.Any(p => p.CpuMsPerOrder is null) ? null : (double?)Math.Round(g.Sum(p => p.CpuMsPerOrder!.Value), 2));

    /// <summary>The process group a CPU row belongs to: every nats-server node is one group.</summary>
    public static string Group(string processName) =>
        processName.StartsWith(NatsServer, StringComparison.Ordinal) ? NatsServer : processName;

    private static double? Of(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d ? RatioSection.Of(n, d) : null;
}

/// <summary>The JetStream baselines on the cluster, as <see cref="BaselineSection"/> holds them for one server.</summary>
internal sealed record ClusterJetStream
{
    public required double PublishSerialPerS { get; init; }

    public required double PublishPipelinedPerS { get; init; }

    public required int PublishWindow { get; init; }

    public required double FetchAckPerS { get; init; }

    public required int FetchBatch { get; init; }

    public required int PayloadBytes { get; init; }

    /// <summary>Publishes answered with an error instead of a PubAck.</summary>
    public required long Failures { get; init; }

    /// <summary>The node that led the benchmark's stream.</summary>
    public string? StreamLeader { get; init; }

    /// <summary>The node the client was connected to: when it is not the leader, each publish and ack crosses a route.</summary>
    public string? ClientServer { get; init; }

    public required JetStreamRatios RatiosToR1 { get; init; }
}

/// <summary>Each JetStream figure on the cluster ÷ the same figure on one server.</summary>
internal sealed record JetStreamRatios
{
    public required double? PublishSerial { get; init; }

    public required double? PublishPipelined { get; init; }

    public required double? FetchAck { get; init; }
}

/// <summary>The moderate end-to-end run on the cluster ÷ the same run on one server.</summary>
internal sealed record E2eRatios
{
    /// <summary>POST → <c>Paid</c>, p50.</summary>
    public required double? P50 { get; init; }

    /// <summary>POST → <c>Paid</c>, p99.</summary>
    public required double? P99 { get; init; }

    /// <summary>Final statuses per second.</summary>
    public required double? CompletedPerS { get; init; }

    /// <summary>CPU of all processes per finished order.</summary>
    public required double? CpuMsPerOrder { get; init; }

    /// <summary>CPU per finished order by process; the cluster's three nats-server nodes together under <c>nats-server</c>.</summary>
    public required IReadOnlyDictionary<string, double?> CpuMsPerOrderByProcess { get; init; }
}
