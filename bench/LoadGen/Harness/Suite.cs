using System.Diagnostics;
using System.Globalization;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.LoadGen.Baselines;
using FunctionsOrders.LoadGen.EndToEnd;
using FunctionsOrders.LoadGen.Load;
using FunctionsOrders.LoadGen.Report;
using FunctionsOrders.SystemHarness;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// The whole benchmark in one run on one machine: the baselines; the direct intake and the system (started here on
/// free ports with private stores) in step mode, in alternating rounds; the system end to end; then, unless left out, the JetStream
/// baselines and the moderate end-to-end run again on a three-node JetStream cluster with every stream at three
/// replicas. Everything started is stopped at the end of its part, also when the run is cancelled.
/// </summary>
internal sealed class Suite(SuiteOptions options, TextWriter output, TimeProvider time)
{
    /// <summary>Well below what the whole system finishes per second on two cores, so the warm-up leaves no backlog.</summary>
    private const double E2eWarmupRate = 25;

    public async Task<SuiteReport> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var measuredAt = time.GetUtcNow();
        var machine = await MachineInfo.CollectAsync(cancellationToken);
        output.WriteLine($"machine: {machine.Cores} cores, {machine.MemoryGib} GiB, {machine.Os}, {machine.Dotnet}, nats-server {machine.NatsServer}, Azurite {machine.Azurite}, load average {machine.LoadAverageAtStart}, CPU probe {machine.CpuProbeMs:0.#} ms");

        // Every service exports its traces, metrics and logs as under ./run.sh, to a receiver that drops them.
        await using var receiver = await OtlpReceiver.StartAsync(cancellationToken);
        output.WriteLine($"telemetry: the services export over OTLP/gRPC to {receiver.Endpoint} (counted and dropped)");
        var single = await SingleNodeAsync(receiver, cancellationToken);
        var received = await receiver.ReceivedAsync(cancellationToken);
        output.WriteLine($"telemetry: received {string.Join(", ", received.Select(p => $"{p.Key} {p.Value.Calls} calls, {p.Value.Bytes / 1024.0 / 1024:0.#} MiB"))}");
        var cluster = options.Cluster ? await ClusterAsync(single, receiver, cancellationToken) : null;
        var (direct, intake, jetStream, e2e) = (single.Direct, single.Intake, single.JetStream, single.E2e);
        var probeAtEnd = CpuProbe.MeasureMs();
        output.WriteLine($"machine: CPU probe {probeAtEnd:0.#} ms at the end ({machine.CpuProbeMs:0.#} ms at the start)");
        return new SuiteReport
        {
            MeasuredAt = measuredAt,
            Mode = options.Quick ? "quick" : "full",
            SuiteSeconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
            Machine = machine,
            LoadAverageAtEnd = MachineInfo.LoadAverage(),
            CpuProbeMsAtEnd = probeAtEnd,
            Settings = Settings(single.BodyBytes),
            Intake = intake,
            StepRounds = single.Rounds,
            E2e = e2e,
            E2eModerate = single.Moderate,
            E2eFixed = single.Fixed,
            E2eSustainable = single.Sustainable,
            Idle = single.Idle,
            IdleCpu = single.IdleCpu,
            TelemetryReceived = received,
            Baseline = Baseline(direct, jetStream, single.AzuriteInserts),
            Ratios = new RatioSection
            {
                IntakeToDirectMaxRate = RatioSection.Of(intake.MaxRatePerS, direct.MaxRatePerS),
                IntakeToJetstreamPipelined = RatioSection.Of(intake.MaxRatePerS, jetStream.PipelinedPerS),
                DirectToJetstreamPipelined = RatioSection.Of(direct.MaxRatePerS, jetStream.PipelinedPerS),
                E2eCompletedToOffered = RatioSection.Of(e2e.CompletedPerS, e2e.RatePerS),
                E2eSustainableToAzuriteInsert = single.Sustainable.MaxRatePerS is { } sustained ? RatioSection.Of(sustained, single.AzuriteInserts) : 0,
            },
            Cluster = cluster,
        };
    }

    /// <summary>Everything on one nats-server (R1). The server, Azurite and the system are stopped when it returns.</summary>
    private async Task<SingleNodeResults> SingleNodeAsync(OtlpReceiver receiver, CancellationToken cancellationToken)
    {
        await using var system = await SystemUnderTest.StartAsync(SystemOptions(receiver, clusterNodes: 0), cancellationToken);
        var (nats, azurite) = (system.Nats, system.Azurite);
        output.WriteLine($"started nats-server on {nats.Url} (store {nats.StoreDirectory}) and Azurite (table port {azurite.TablePort}, data {(azurite.InMemory ? "in memory" : "on disk")})");
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url, Name = "loadgen" });
        var js = new NatsJSContext(connection);

        var jetStream = await new JetStreamBaseline(js, 1, output).RunAsync(
            SamplePayload.Create(time), options.BaselineDuration, options.PipelineWindow, options.FetchBatch, cancellationToken);
        var azuriteInserts = await AzuriteInsertBaseline.RunAsync(azurite.ConnectionString, options.AzuriteConcurrency, options.BaselineDuration, time, cancellationToken);
        output.WriteLine($"baseline: Azurite table inserts, {options.AzuriteConcurrency} concurrent: {azuriteInserts:0}/s");

        (StepRounds Rounds, StepSeries Direct, StepSeries Intake) steps;
        await using (var service = await DirectIntakeService.StartAsync(nats.Url, cancellationToken))
        {
            output.WriteLine($"direct intake (bare Kestrel + the intake's classes) on {service.Url}");
            await StartServicesAsync(system, cancellationToken);
            steps = await StepRoundsAsync(service, system, js, cancellationToken);
        }

        // The direct intake's streams only served its steps: dropped, so the rest of the run does not carry them.
        var directTopology = new JetStreamTopology(new TopologyOptions { Prefix = DirectIntakeService.TopologyPrefix });
        foreach (var stream in new[] { directTopology.OrdersStream, directTopology.PaymentsStream, directTopology.DeadLetterStream, "KV_" + directTopology.OrderStatusBucket })
        {
            await js.DeleteStreamAsync(stream, cancellationToken);
        }

        // The steps' orders only measured the intake; they are dropped before the payment flow starts, so the
        // end-to-end run begins from an empty backlog.
        var topology = new JetStreamTopology(new TopologyOptions());
        var purge = await js.PurgeStreamAsync(topology.OrdersStream, new StreamPurgeRequest(), cancellationToken);
        output.WriteLine($"e2e: deleted the direct intake's streams, purged {purge.Purged} order(s) of the intake steps from {topology.OrdersStream}; starting NatsBridge");
        await StartBridgeAsync(system, cancellationToken);
        var backlog = await Backlog.WaitEmptyAsync(js, topology, options.BacklogWait, output, cancellationToken);
        var bucket = await new NatsKVContext(js).GetStoreAsync(topology.OrderStatusBucket, cancellationToken);
        using var client = LoadClient.Create(options.Load.RequestTimeout);
        var requests = new OrderRequests(system.OrderApi, "e2e");
        var cpu = ProcessCpuMeter.IsSupported
            ? new ProcessCpuMeter().Add("nats-server", nats.ProcessId).Add("Azurite", azurite.ProcessId).Add(OtlpReceiver.ProcessName, receiver.ProcessId).Add(system.Processes)
            : null;
        var idle = await IdleCpuAsync(cpu, cancellationToken);

        await WarmUpAsync(client, system.OrderApi, bucket, "e2e", cancellationToken);
        var singleOrders = await new SingleOrderRunner(client, new OrderRequests(system.OrderApi, "idle"), output)
            .RunAsync(bucket, options.IdleOrders, TimeSpan.FromSeconds(10), cancellationToken);
        EndToEndResult? moderate = null;
        if (options.E2eModerateRate > 0)
        {
            moderate = await ModerateAsync(client, system.OrderApi, bucket, cpu, "e2e", cancellationToken);
        }

        output.WriteLine($"fixed: {options.E2eFixedRate:0} orders/s for {options.E2eFixedDuration.TotalSeconds:0} s, CPU by process");
        var fixedRun = await Runner(client, system.OrderApi, "fixed")
            .RunAsync(bucket, options.E2eFixedRate, options.E2eFixedDuration, options.E2eWait, cancellationToken, cpu);
        await Backlog.WaitEmptyAsync(js, topology, options.BacklogWait, output, cancellationToken);
        var sustainable = await new SustainableRateSearch(label => Runner(client, system.OrderApi, label), output)
            .RunAsync(bucket, options.SustainableRates, options.SustainableStep, options.SustainableFinishWithin, options.SustainableP99LimitMs, cpu, cancellationToken);
        var left = await Backlog.WaitEmptyAsync(js, topology, options.BacklogWait, output, cancellationToken);
        output.WriteLine($"sustainable: search done; {left} message(s) left unsettled before the overload run");

        var e2e = await new EndToEndRunner(new OpenLoopRunner(client, requests, options.Load, output), output)
            .RunAsync(bucket, options.E2eRate, options.E2eDuration, options.E2eWait, cancellationToken, cpu);
        if (options.Cluster)
        {
            output.WriteLine("single node: done; stopping the system, nats-server and Azurite before the cluster part");
        }

        return new SingleNodeResults(steps.Rounds, steps.Direct, steps.Intake, jetStream, azuriteInserts, e2e with { BacklogBefore = backlog }, moderate, idle, requests.TypicalBodyBytes)
        {
            Fixed = fixedRun,
            Sustainable = sustainable,
            Idle = singleOrders,
        };
    }

    /// <summary>The cluster part, timed from the single-node system's stop until everything of its own is stopped.</summary>
    private async Task<ClusterSection> ClusterAsync(SingleNodeResults single, OtlpReceiver receiver, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var section = await ClusterPartsAsync(single, receiver, cancellationToken);
        var seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1);
        output.WriteLine($"cluster: stopped; the cluster part took {seconds:0} s");
        return section with { Seconds = seconds };
    }

    /// <summary>
    /// The JetStream baselines and (after the same warm-up) the moderate end-to-end run on a JetStream cluster with
    /// every stream and the bucket replicated on each node (R3), with a new Azurite; compared with the single-node
    /// figures of the same run. The cluster, Azurite and the system are stopped when it returns.
    /// </summary>
    private async Task<ClusterSection> ClusterPartsAsync(SingleNodeResults single, OtlpReceiver receiver, CancellationToken cancellationToken)
    {
        var replicas = options.ClusterNodes;
        output.WriteLine($"cluster: starting {replicas} nats-server nodes as one JetStream cluster, and a new Azurite");
        await using var system = await SystemUnderTest.StartAsync(SystemOptions(receiver, replicas), cancellationToken);
        var (cluster, azurite) = (system.Cluster!, system.Azurite);
        output.WriteLine($"cluster: {cluster.Name} formed ({string.Join(", ", cluster.Nodes.Select(n => $"{n.Name} on {n.Url}"))}); Azurite (table port {azurite.TablePort})");

        // The client gets every node's URL, as the apps and the bridge do, and connects to one of them.
        await using var connection = new NatsConnection(new NatsOpts { Url = cluster.Url, Name = "loadgen" });
        var js = new NatsJSContext(connection);
        var jetStream = await new JetStreamBaseline(js, replicas, output).RunAsync(
            SamplePayload.Create(time), options.BaselineDuration, options.PipelineWindow, options.FetchBatch, cancellationToken);
        var section = new ClusterSection
        {
            Nodes = cluster.Nodes.Count,
            Replicas = replicas,
            Seconds = 0,
            Jetstream = ClusterSection.JetStream(jetStream, single.JetStream),
        };
        var ratios = section.Jetstream.RatiosToR1;
        output.WriteLine($"cluster: JetStream R{replicas} ÷ R1: publish one at a time {Ratio(ratios.PublishSerial)}, {jetStream.Window} in flight {Ratio(ratios.PublishPipelined)}, fetch + ack {Ratio(ratios.FetchAck)}");

        if (single.Moderate is not { } r1)
        {
            output.WriteLine("cluster: no moderate end-to-end run on one server to compare with (--e2e-moderate-rate 0): none on the cluster either");
            return section;
        }

        await StartServicesAsync(system, cancellationToken);
        await StartBridgeAsync(system, cancellationToken);
        var topology = new JetStreamTopology(new TopologyOptions { Replicas = replicas });
        await CheckReplicasAsync(js, topology, cancellationToken);
        var backlog = await Backlog.WaitEmptyAsync(js, topology, options.BacklogWait, output, cancellationToken);
        var bucket = await new NatsKVContext(js).GetStoreAsync(topology.OrderStatusBucket, cancellationToken);
        using var client = LoadClient.Create(options.Load.RequestTimeout);
        ProcessCpuMeter? cpu = null;
        if (ProcessCpuMeter.IsSupported)
        {
            cpu = new ProcessCpuMeter();
            for (var i = 0; i < cluster.Nodes.Count; i++)
            {
                cpu.Add($"{ClusterSection.NatsServer} n{i + 1}", cluster.Nodes[i].ProcessId);
            }

            cpu.Add("Azurite", azurite.ProcessId).Add(OtlpReceiver.ProcessName, receiver.ProcessId).Add(system.Processes);
        }

        var idle = await IdleCpuAsync(cpu, cancellationToken);
        await WarmUpAsync(client, system.OrderApi, bucket, "r3-e2e", cancellationToken);
        var r3 = await ModerateAsync(client, system.OrderApi, bucket, cpu, "r3-e2e", cancellationToken) with { BacklogBefore = backlog };
        var e2e = ClusterSection.E2e(r3, r1);
        output.WriteLine($"cluster: e2e at {r3.RatePerS:0}/s, R{replicas} ÷ R1: p50 {Ratio(e2e.P50)}, p99 {Ratio(e2e.P99)}, finished/s {Ratio(e2e.CompletedPerS)}, CPU per order {Ratio(e2e.CpuMsPerOrder)}" +
            (e2e.CpuMsPerOrderByProcess.Count == 0 ? string.Empty : " (" + string.Join(", ", e2e.CpuMsPerOrderByProcess.Select(p => $"{p.Key} {Ratio(p.Value)}")) + ")"));
        output.WriteLine($"cluster: done; stopping the system, the {cluster.Nodes.Count} nodes and Azurite");
        return section with { E2eModerate = r3, E2eModerateRatiosToR1 = e2e, IdleCpu = idle };
    }

    /// <summary>Makes sure the apps and the bridge created every stream and the bucket with the replicas asked for, and says who leads them.</summary>
    private async Task CheckReplicasAsync(INatsJSContext js, JetStreamTopology topology, CancellationToken cancellationToken)
    {
        var described = new List<string>();
        foreach (var name in topology.Streams().Select(s => s.Name!).Append("KV_" + topology.OrderStatusBucket))
        {
            var info = (await js.GetStreamAsync(name, cancellationToken: cancellationToken)).Info;
            var replicas = Math.Max(1, info.Config.NumReplicas);
            if (replicas != topology.Replicas)
            {
                throw new InvalidOperationException($"Stream {name} has {replicas} replica(s), not {topology.Replicas}: the system did not take Topology__Replicas.");
            }

            described.Add($"{name} (leader {info.Cluster?.Leader})");
        }

        output.WriteLine($"cluster: {topology.Replicas} replicas each: {string.Join(", ", described)}");
    }

    /// <summary>
    /// The system as <c>./run.sh</c> wires it, but on free ports and private stores: NATS (one server, or a cluster of
    /// <paramref name="clusterNodes"/> with every stream and the bucket on each) and Azurite first, for the baselines;
    /// the services and the bridge later. Every service exports its telemetry to <paramref name="receiver"/> and reads
    /// its own appsettings.json, as in a local run. Azurite keeps its data in memory unless <c>--azurite-on-disk</c>:
    /// on disk it saves its whole store every 5 s, a pause that grows with the store and that no production ledger has.
    /// </summary>
    private SystemUnderTestOptions SystemOptions(OtlpReceiver receiver, int clusterNodes) => new()
    {
        ClusterNodes = clusterNodes,
        AzuriteInMemory = !options.AzuriteOnDisk,
        StartServices = false,
        UseAppSettingsFiles = true,
        AllServices = new Dictionary<string, string>(receiver.Environment),
    };

    /// <summary>The simulator and both function apps, with the topology applied first; the bridge starts apart.</summary>
    private async Task StartServicesAsync(SystemUnderTest system, CancellationToken cancellationToken)
    {
        await system.StartServicesAsync(cancellationToken);
        output.WriteLine($"system: payment simulator on {system.Simulator.Url}");
        output.WriteLine($"system: OrderFunctions under the local Functions host on {system.OrderApi}, PaymentFunctions on {system.Payments.Client.BaseAddress}");
    }

    /// <summary>
    /// NatsBridge, whose consumers then deliver what the streams hold. Started apart from the apps so the intake can be
    /// measured without the payment flow competing for the same cores, as the direct baseline is.
    /// </summary>
    private async Task StartBridgeAsync(SystemUnderTest system, CancellationToken cancellationToken)
    {
        await system.StartBridgeAsync(cancellationToken);
        output.WriteLine($"system: NatsBridge on {system.BridgeUrl} (routes payments, payment-status)");
    }

    /// <summary>
    /// The payment flow's code runs for the first time after a start, in nine processes: without a warm-up the first
    /// run would measure the JIT as much as the system. Not counted, and waited for until every order finished.
    /// </summary>
    private async Task WarmUpAsync(HttpClient client, Uri api, INatsKVStore bucket, string label, CancellationToken cancellationToken)
    {
        output.WriteLine($"{label}: warm-up, {options.E2eWarmup.TotalSeconds:0} s at {E2eWarmupRate}/s (not counted)");
        await new EndToEndRunner(new OpenLoopRunner(client, new OrderRequests(api, label + "-warmup"), options.Load, TextWriter.Null), TextWriter.Null)
            .RunAsync(bucket, E2eWarmupRate, options.E2eWarmup, options.E2eWait, cancellationToken);
    }

    /// <summary>The end-to-end run at the moderate rate, its CPU measured with <paramref name="cpu"/>.</summary>
    private Task<EndToEndResult> ModerateAsync(HttpClient client, Uri api, INatsKVStore bucket, ProcessCpuMeter? cpu, string label, CancellationToken cancellationToken) =>
        Runner(client, api, label + "-moderate").RunAsync(bucket, options.E2eModerateRate, options.E2eDuration, options.E2eWait, cancellationToken, cpu);

    private EndToEndRunner Runner(HttpClient client, Uri api, string label) =>
        new(new OpenLoopRunner(client, new OrderRequests(api, label), options.Load, output), output);

    private static string Ratio(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"×{value:0.###}");

    /// <summary>What the whole system uses with nothing to do (timers, health checks, empty fetches), for comparison.</summary>
    private async Task<CpuUsage?> IdleCpuAsync(ProcessCpuMeter? cpu, CancellationToken cancellationToken)
    {
        if (cpu is null)
        {
            return null;
        }

        var before = cpu.Snapshot();
        await Task.Delay(options.IdleCpuDuration, time, cancellationToken);
        var idle = before.Until(cpu.Snapshot(), orders: 0);
        output.WriteLine($"idle CPU of the system: {idle.CoresBusy:0.###} cores over {idle.WallS:0} s");
        return idle;
    }

    /// <summary>
    /// The direct intake and the intake climb the step ladder in turn, <c>--step-rounds</c> times (which goes first
    /// alternates from round to round), so both meet the same machine and the same growing nats-server: one climb is decided by its worst moment (a single pause of
    /// 50 ms fails a 4 s step), and single climbs on this machine differed by ×2 and more with nothing changed.
    /// Each one's maximum is the median of its rounds. The side not climbing is paused (SIGSTOP), so its idle
    /// timers and telemetry exports take nothing from the other.
    /// </summary>
    private async Task<(StepRounds Rounds, StepSeries Direct, StepSeries Intake)> StepRoundsAsync(
        ServiceProcess direct, SystemUnderTest system, INatsJSContext js, CancellationToken cancellationToken)
    {
        var ordersStreams = new[] { DirectIntakeService.TopologyPrefix, string.Empty }
            .Select(prefix => new JetStreamTopology(new TopologyOptions { Prefix = prefix }).OrdersStream)
            .ToList();
        var directRounds = new List<StepSeries>();
        var intakeRounds = new List<StepSeries>();
        var services = system.Processes.Select(p => p.Id).ToList();
        for (var round = 1; round <= options.StepRounds; round++)
        {
            var label = options.StepRounds == 1 ? "" : $" (round {round} of {options.StepRounds})";
            for (var turn = 0; turn < 2; turn++)
            {
                await PurgeAsync(js, ordersStreams, cancellationToken);
                if ((turn == 0) == StepRounds.DirectFirst(round))
                {
                    using (PausedProcesses.Pause(services))
                    {
                        directRounds.Add(await StepsAsync(direct.Url, "direct", label, cancellationToken));
                    }
                }
                else
                {
                    using (PausedProcesses.Pause([direct.Process.Id]))
                    {
                        intakeRounds.Add(await StepsAsync(system.OrderApi, "intake", label, cancellationToken));
                    }
                }
            }
        }

        var rounds = StepRounds.Of(directRounds, intakeRounds);
        var (medianDirect, medianIntake) = (StepRounds.Median(directRounds), StepRounds.Median(intakeRounds));
        output.WriteLine($"steps: direct {rounds.DirectMaxima}, intake {rounds.IntakeMaxima} (maximum of each round); medians {medianDirect.MaxRatePerS:0}/s and {medianIntake.MaxRatePerS:0}/s");
        return (rounds, medianDirect, medianIntake);
    }

    /// <summary>
    /// Empties both sides' order streams before a climb. Every order is stored under a subject of its own, which the
    /// server indexes and whose message id it keeps for the duplicate window, so its heap grows with what the streams
    /// hold; with a full stream a later climb would meet longer garbage-collection pauses than an earlier one. Emptied,
    /// every climb starts from the same server state.
    /// </summary>
    private async Task PurgeAsync(INatsJSContext js, IReadOnlyList<string> streams, CancellationToken cancellationToken)
    {
        long purged = 0;
        foreach (var stream in streams)
        {
            purged += (await js.PurgeStreamAsync(stream, new StreamPurgeRequest(), cancellationToken)).Purged;
        }

        if (purged > 0)
        {
            output.WriteLine($"steps: purged {purged} order(s) of the last climb from {string.Join(" and ", streams)}");
        }
    }

    private async Task<StepSeries> StepsAsync(Uri api, string name, string label, CancellationToken cancellationToken)
    {
        using var client = LoadClient.Create(options.Load.RequestTimeout);
        var runner = new OpenLoopRunner(client, new OrderRequests(api, name), options.Load, output);
        var series = await new StepRunner(runner, options.Steps, output).RunAsync(name, cancellationToken);
        output.WriteLine(series.P50Ms is null
            ? $"{name}{label}: no step held p99 <= {series.P99LimitMs:0} ms without errors; stopped at {series.StoppedBecause}"
            : $"{name}{label}: max {series.MaxRatePerS:0}/s with p99 <= {series.P99LimitMs:0} ms and no errors (p50 {series.P50Ms:0.##} ms, p99 {series.P99Ms:0.##} ms); stopped at {series.StoppedBecause}");
        return series;
    }

    private BaselineSection Baseline(StepSeries direct, JetStreamFigures jetStream, double azuriteInserts) => new()
    {
        DirectPublishMaxRatePerS = direct.MaxRatePerS,
        DirectPublishP50Ms = direct.P50Ms,
        DirectPublishP99Ms = direct.P99Ms,
        JetstreamPublishSerialPerS = jetStream.SerialPerS,
        JetstreamPublishPipelinedPerS = jetStream.PipelinedPerS,
        JetstreamPublishWindow = jetStream.Window,
        JetstreamFetchAckPerS = jetStream.FetchAckPerS,
        JetstreamFetchBatch = jetStream.FetchBatch,
        PayloadBytes = jetStream.PayloadBytes,
        AzuriteInsertPerS = azuriteInserts,
        AzuriteInsertConcurrency = options.AzuriteConcurrency,
        Direct = direct,
    };

    private SettingsSection Settings(int bodyBytes) => new()
    {
        StepRatesPerS = options.Steps.Rates,
        StepS = options.Steps.StepDuration.TotalSeconds,
        WarmupS = options.Steps.Warmup.TotalSeconds,
        P99LimitMs = options.Steps.P99LimitMs,
        MaxInFlight = options.Load.MaxInFlight,
        RequestTimeoutS = options.Load.RequestTimeout.TotalSeconds,
        BaselineS = options.BaselineDuration.TotalSeconds,
        E2eS = options.E2eDuration.TotalSeconds,
        E2eWaitS = options.E2eWait.TotalSeconds,
        OrderBodyBytes = bodyBytes,
        Telemetry = true,
        AzuriteData = options.AzuriteOnDisk ? "disk" : "memory",
    };

    /// <summary>What the single-node part measured.</summary>
    private sealed record SingleNodeResults(
        StepRounds Rounds, StepSeries Direct, StepSeries Intake, JetStreamFigures JetStream, double AzuriteInserts, EndToEndResult E2e, EndToEndResult? Moderate, CpuUsage? IdleCpu, int BodyBytes)
    {
        public required EndToEndResult Fixed { get; init; }

        public required SustainableResult Sustainable { get; init; }

        public required SingleOrderResult Idle { get; init; }
    }
}
