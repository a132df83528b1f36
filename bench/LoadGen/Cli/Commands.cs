using System.Text.Json;
using FunctionsOrders.LoadGen.EndToEnd;
using FunctionsOrders.LoadGen.Harness;
using FunctionsOrders.LoadGen.Load;
using FunctionsOrders.LoadGen.Report;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.LoadGen.Cli;

/// <summary>The commands: the whole suite, or one mode against a system that is already running.</summary>
internal static class Commands
{
    private static readonly string[] LoadOptions = ["--url", "--max-in-flight", "--timeout-seconds"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" || args.Contains("-h") || args.Contains("--help"))
        {
            output.WriteLine(Usage.Text);
            return args.Length == 0 ? 2 : 0;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "suite":
                await SuiteAsync(SuiteOptions.Parse(rest), progress, cancellationToken);
                return 0;
            case "fixed":
                await FixedAsync(Arguments.Parse("fixed", rest, [], [.. LoadOptions, "--rate", "--seconds"]), output, progress, cancellationToken);
                return 0;
            case "step":
                await StepAsync(Arguments.Parse("step", rest, [], [.. LoadOptions, "--rates", "--step-seconds", "--p99-limit-ms"]), output, progress, cancellationToken);
                return 0;
            case "render":
                await RenderAsync(Arguments.Parse("render", rest, [], ["--from"]), progress, cancellationToken);
                return 0;
            case "e2e":
                await EndToEndAsync(Arguments.Parse("e2e", rest, [], [.. LoadOptions, "--nats", "--rate", "--seconds", "--wait-seconds", "--bucket"]), output, progress, cancellationToken);
                return 0;
            default:
                throw new UsageException($"unknown command '{args[0]}' (commands: suite, fixed, step, e2e, render)");
        }
    }

    private static async Task SuiteAsync(SuiteOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var report = await new Suite(options, progress, TimeProvider.System).RunAsync(cancellationToken);
        foreach (var file in await ResultFiles.WriteAsync(report, options.ResultsDirectory, options.DocsDirectory, cancellationToken))
        {
            progress.WriteLine($"wrote {file}");
        }

        progress.WriteLine(
            $"intake max {report.Intake.MaxRatePerS:0}/s, direct max {report.Baseline.DirectPublishMaxRatePerS:0}/s (ratio {report.Ratios.IntakeToDirectMaxRate}); " +
            $"e2e {report.E2e.Paid} of {report.E2e.Post.Sent} Paid, p50 {report.E2e.P50Ms?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms, " +
            $"p99 {report.E2e.P99Ms?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms; suite took {report.SuiteSeconds:0} s");
    }

    private static async Task FixedAsync(Arguments a, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var url = a.Url("--url");
        var load = Load(a);
        using var client = LoadClient.Create(load.RequestTimeout);
        var runner = new OpenLoopRunner(client, new OrderRequests(url, "fixed"), load, progress);
        var result = await runner.RunAsync("fixed", a.Number("--rate", 1000, 1, 1_000_000), a.Seconds("--seconds", TimeSpan.FromSeconds(10), 1, 3600), null, cancellationToken);
        progress.WriteLine(result.Summary());
        output.WriteLine(JsonSerializer.Serialize(result, SuiteReport.Json));
    }

    private static async Task StepAsync(Arguments a, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var url = a.Url("--url");
        var load = Load(a);
        var settings = new StepSettings(a.Rates("--rates", StepSettings.DefaultRates), a.Seconds("--step-seconds", TimeSpan.FromSeconds(10), 1, 600),
            TimeSpan.FromSeconds(3), a.Number("--p99-limit-ms", 50, 0.1, 60_000));
        using var client = LoadClient.Create(load.RequestTimeout);
        var runner = new OpenLoopRunner(client, new OrderRequests(url, "step"), load, progress);
        var series = await new StepRunner(runner, settings, progress).RunAsync("step", cancellationToken);
        output.WriteLine(JsonSerializer.Serialize(series, SuiteReport.Json));
    }

    private static async Task EndToEndAsync(Arguments a, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var url = a.Url("--url");
        var nats = a.Url("--nats");
        var load = Load(a);
        await using var connection = new NatsConnection(new NatsOpts { Url = nats.ToString().TrimEnd('/'), Name = "loadgen" });
        var bucket = await new NatsKVContext(new NatsJSContext(connection)).GetStoreAsync(a.Text("--bucket") ?? "order-status", cancellationToken);
        using var client = LoadClient.Create(load.RequestTimeout);
        var runner = new OpenLoopRunner(client, new OrderRequests(url, "e2e"), load, progress);
        var result = await new EndToEndRunner(runner, progress).RunAsync(bucket, a.Number("--rate", 1000, 1, 1_000_000),
            a.Seconds("--seconds", TimeSpan.FromSeconds(10), 1, 3600), a.Seconds("--wait-seconds", TimeSpan.FromSeconds(60), 1, 3600), cancellationToken);
        output.WriteLine(JsonSerializer.Serialize(result, SuiteReport.Json));
    }

    private static async Task RenderAsync(Arguments a, TextWriter progress, CancellationToken cancellationToken)
    {
        var from = a.Text("--from") ?? throw new UsageException("--from is required");
        if (!File.Exists(from))
        {
            throw new UsageException($"--from: no file at '{from}'");
        }

        var report = JsonSerializer.Deserialize<SuiteReport>(await File.ReadAllTextAsync(from, cancellationToken), SuiteReport.Json)
            ?? throw new UsageException($"--from: '{from}' holds no results");
        foreach (var file in await ResultFiles.WriteDocsAsync(report, Path.Combine(FunctionsOrders.SystemHarness.RepoPaths.Root, "docs"), cancellationToken))
        {
            progress.WriteLine($"wrote {file}");
        }
    }

    private static LoadSettings Load(Arguments a) => LoadSettings.Default with
    {
        MaxInFlight = (int)a.Number("--max-in-flight", LoadSettings.Default.MaxInFlight, 1, 100_000),
        RequestTimeout = a.Seconds("--timeout-seconds", LoadSettings.Default.RequestTimeout, 0.1, 300),
    };
}
