using System.Diagnostics;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.LoadGen.Baselines;
using FunctionsOrders.LoadGen.EndToEnd;
using FunctionsOrders.LoadGen.Load;
using FunctionsOrders.LoadGen.Report;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>
/// The whole benchmark in one run on one machine: the baselines, the direct intake, then the system (started
/// here on free ports with private stores) in step mode and end to end. Everything started is stopped at the end,
/// also when the run is cancelled.
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
        output.WriteLine($"machine: {machine.Cores} cores, {machine.MemoryGib} GiB, {machine.Os}, {machine.Dotnet}, nats-server {machine.NatsServer}, Azurite {machine.Azurite}, load average {machine.LoadAverageAtStart}");

        await using var nats = await NatsServer.StartAsync(cancellationToken: cancellationToken);
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken);
        output.WriteLine($"started nats-server on {nats.Url} (store {nats.StoreDirectory}) and Azurite (table port {azurite.TablePort})");
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.Url, Name = "loadgen" });
        var js = new NatsJSContext(connection);

        var jetStream = await new JetStreamBaseline(js, 1, output).RunAsync(
            SamplePayload.Create(time), options.BaselineDuration, options.PipelineWindow, options.FetchBatch, cancellationToken);
        var azuriteInserts = await AzuriteInsertBaseline.RunAsync(azurite.ConnectionString, options.AzuriteConcurrency, options.BaselineDuration, time, cancellationToken);
        output.WriteLine($"baseline: Azurite table inserts, {options.AzuriteConcurrency} concurrent: {azuriteInserts:0}/s");

        StepSeries direct;
        await using (var service = await DirectIntakeService.StartAsync(nats.Url, cancellationToken))
        {
            output.WriteLine($"direct intake (bare Kestrel + the intake's classes) on {service.Url}");
            direct = await StepsAsync(service.Url, "direct", cancellationToken);
        }

        await using var system = await SystemUnderTest.StartAsync(nats.Url, 1, azurite, output, cancellationToken);
        var intake = await StepsAsync(system.OrderApi, "intake", cancellationToken);

        // The steps' orders only measured the intake; they are dropped before the payment flow starts, so the
        // end-to-end run begins from an empty backlog.
        var topology = new JetStreamTopology(new TopologyOptions());
        var purge = await js.PurgeStreamAsync(topology.OrdersStream, new StreamPurgeRequest(), cancellationToken);
        output.WriteLine($"e2e: purged {purge.Purged} order(s) of the intake steps from {topology.OrdersStream}; starting NatsBridge");
        await system.StartBridgeAsync(output, cancellationToken);
        var backlog = await Backlog.WaitEmptyAsync(js, topology, options.BacklogWait, output, cancellationToken);
        var bucket = await new NatsKVContext(js).GetStoreAsync(topology.OrderStatusBucket, cancellationToken);
        using var client = LoadClient.Create(options.Load.RequestTimeout);
        var requests = new OrderRequests(system.OrderApi, "e2e");
        var cpu = ProcessCpuMeter.IsSupported
            ? system.AddTo(new ProcessCpuMeter().Add("nats-server", nats.ProcessId).Add("Azurite", azurite.ProcessId))
            : null;
        var idle = await IdleCpuAsync(cpu, cancellationToken);

        // The payment flow's code runs for the first time here, in nine processes: without a warm-up the first run
        // would measure the JIT as much as the system.
        output.WriteLine($"e2e: warm-up, {options.E2eWarmup.TotalSeconds:0} s at {E2eWarmupRate}/s (not counted)");
        await new EndToEndRunner(new OpenLoopRunner(client, new OrderRequests(system.OrderApi, "e2e-warmup"), options.Load, TextWriter.Null), TextWriter.Null)
            .RunAsync(bucket, E2eWarmupRate, options.E2eWarmup, options.E2eWait, cancellationToken);
        EndToEndResult? moderate = null;
        if (options.E2eModerateRate > 0)
        {
            moderate = await new EndToEndRunner(new OpenLoopRunner(client, new OrderRequests(system.OrderApi, "e2e-moderate"), options.Load, output), output)
                .RunAsync(bucket, options.E2eModerateRate, options.E2eDuration, options.E2eWait, cancellationToken, cpu);
        }

        var e2e = await new EndToEndRunner(new OpenLoopRunner(client, requests, options.Load, output), output)
            .RunAsync(bucket, options.E2eRate, options.E2eDuration, options.E2eWait, cancellationToken, cpu);

        return new SuiteReport
        {
            MeasuredAt = measuredAt,
            Mode = options.Quick ? "quick" : "full",
            SuiteSeconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
            Machine = machine,
            LoadAverageAtEnd = MachineInfo.LoadAverage(),
            Settings = Settings(requests.TypicalBodyBytes),
            Intake = intake,
            E2e = e2e with { BacklogBefore = backlog },
            E2eModerate = moderate,
            IdleCpu = idle,
            Baseline = Baseline(direct, jetStream, azuriteInserts),
            Ratios = new RatioSection
            {
                IntakeToDirectMaxRate = RatioSection.Of(intake.MaxRatePerS, direct.MaxRatePerS),
                IntakeToJetstreamPipelined = RatioSection.Of(intake.MaxRatePerS, jetStream.PipelinedPerS),
                DirectToJetstreamPipelined = RatioSection.Of(direct.MaxRatePerS, jetStream.PipelinedPerS),
                E2eCompletedToOffered = RatioSection.Of(e2e.CompletedPerS, e2e.RatePerS),
            },
        };
    }

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

    private async Task<StepSeries> StepsAsync(Uri api, string name, CancellationToken cancellationToken)
    {
        using var client = LoadClient.Create(options.Load.RequestTimeout);
        var runner = new OpenLoopRunner(client, new OrderRequests(api, name), options.Load, output);
        var series = await new StepRunner(runner, options.Steps, output).RunAsync(name, cancellationToken);
        output.WriteLine(series.P50Ms is null
            ? $"{name}: no step held p99 <= {series.P99LimitMs:0} ms without errors; stopped at {series.StoppedBecause}"
            : $"{name}: max {series.MaxRatePerS:0}/s with p99 <= {series.P99LimitMs:0} ms and no errors (p50 {series.P50Ms:0.##} ms, p99 {series.P99Ms:0.##} ms); stopped at {series.StoppedBecause}");
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
        Telemetry = false,
    };
}
