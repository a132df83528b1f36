using System.Globalization;
using System.Text;
using FunctionsOrders.LoadGen.Load;

namespace FunctionsOrders.LoadGen.Report;

/// <summary>
/// The generated part of docs/benchmarks.md: the headline table, the steps side by side, the CPU table, the plot,
/// and the cluster (R3) figures against the single-node (R1) ones.
/// </summary>
internal static class ResultsTable
{
    public static string Render(SuiteReport r, string plotFile)
    {
        var m = r.Machine;
        var b = r.Baseline;
        var e = r.E2e;
        var text = new StringBuilder();
        Line(text, $"Measured {r.MeasuredAt:yyyy-MM-dd HH:mm} UTC in {r.Mode} mode ({r.Settings.StepS:0} s per step, the suite took {r.SuiteSeconds:0} s) on {m.Cores} cores / {m.MemoryGib:0.#} GiB, {m.Cpu}, {m.Os}, {m.Dotnet}, nats-server {m.NatsServer}, Azurite {m.Azurite} (data {(r.Settings.AzuriteData == "memory" ? "in memory" : "on disk, as under `./run.sh`")}). Load average (1/5/15 min) {m.LoadAverageAtStart} at the start, {r.LoadAverageAtEnd} at the end.{Probe(r)}");
        Line(text, $"");
        Line(text, $"| Measurement | Result |");
        Line(text, $"| --- | --- |");
        if (r.E2eFixed is { } fx)
        {
            var cpu = fx.Cpu is { } c ? string.Create(CultureInfo.InvariantCulture, $"**{c.SystemCpuMsPerOrder:0.##} ms** of CPU per order ({c.CpuMsPerOrder:0.##} ms with the load generator and the telemetry receiver; {c.CoresBusy:0.##} cores busy); ") : "";
            Line(text, $"| End to end at a steady {fx.RatePerS:0} orders/s for {fx.DurationS:0} s, telemetry exported over OTLP | {cpu}POST → `Paid` p50 {Ms(fx.P50Ms)}, **p99 {Ms(fx.P99Ms)}**; {fx.Paid} of {fx.Post.Sent} `Paid`, {fx.Unfinished} unfinished |");
        }

        if (r.Idle is { } idle)
        {
            Line(text, $"| One order at a time on the idle, warm system ({idle.Orders} orders): POST → `Paid` | **p50 {Ms(idle.SingleOrderP50Ms)}**, max {Ms(idle.SingleOrderMaxMs)}; {idle.Unfinished} unfinished |");
        }

        if (r.E2eSustainable is { } su)
        {
            var held = su.MaxRatePerS is { } max ? string.Create(CultureInfo.InvariantCulture, $"**{max:0}/s**") : "none of the rates tried";
            Line(text, $"| Highest sustainable end-to-end rate: every order final within {su.FinishWithinS:0} s of the last POST, p99 ≤ {su.P99LimitMs:0} ms ({su.StepS:0} s per rate) | {held}{(su.StoppedBecause is null ? "" : $"; stopped at {su.StoppedBecause}")} |");
            Line(text, $"| That rate ÷ Azurite's insert rate (same run) | {Ratio(r.Ratios.E2eSustainableToAzuriteInsert)} |");
        }

        var rounds = r.StepRounds is { Rounds: > 1 } sr ? sr : null;
        var of = rounds is null ? "" : $", the median of {rounds.Rounds} rounds";
        Line(text, $"| Order intake through the local Functions host: highest offered rate with p99 ≤ {r.Intake.P99LimitMs:0} ms and no errors{of} | **{r.Intake.MaxRatePerS:0}/s** ({AtStep(r.Intake)}){(rounds is null ? "" : $"; rounds {rounds.IntakeMaxima}")} |");
        Line(text, $"| Direct intake (same intake classes on bare Kestrel), same criterion{of} | **{b.DirectPublishMaxRatePerS:0}/s** ({AtStep(b.Direct)}){(rounds is null ? "" : $"; rounds {rounds.DirectMaxima}")} |");
        Line(text, $"| Intake ÷ direct{(rounds is null ? "" : " (the medians; the two climb in turn, round by round)")} | {Ratio(r.Ratios.IntakeToDirectMaxRate)} |");
        Line(text, $"| End to end at {e.RatePerS:0} orders/s for {e.DurationS:0} s: POST → `Paid` (from the scheduled send) | p50 {Ms(e.P50Ms)}, p99 {Ms(e.P99Ms)}; {e.Paid} of {e.Post.Sent} sent orders `Paid`, {e.Post.Errors} POST errors, {e.Unfinished} accepted but unfinished after {e.WaitBudgetS:0} s; {e.CompletedPerS:0.#} finished/s |");
        if (r.E2eModerate is { } mo)
        {
            Line(text, $"| End to end at {mo.RatePerS:0} orders/s for {mo.DurationS:0} s, before that run | p50 {Ms(mo.P50Ms)}, p99 {Ms(mo.P99Ms)}; {mo.Paid} of {mo.Post.Sent} sent orders `Paid`, {mo.Post.Errors} POST errors, {mo.Unfinished} accepted but unfinished after {mo.WaitBudgetS:0} s |");
        }

        Line(text, $"| JetStream publish + PubAck, one at a time ({b.PayloadBytes}-byte `OrderCreated`) | {b.JetstreamPublishSerialPerS:0}/s |");
        Line(text, $"| JetStream publish + PubAck, {b.JetstreamPublishWindow} in flight | {b.JetstreamPublishPipelinedPerS:0}/s |");
        Line(text, $"| JetStream fetch + ack, pull consumer, batches of {b.JetstreamFetchBatch} | {b.JetstreamFetchAckPerS:0}/s |");
        Line(text, $"| Azurite table inserts, {b.AzuriteInsertConcurrency} concurrent | {b.AzuriteInsertPerS:0}/s |");
        Line(text, $"");
        Line(text, $"Steps{(rounds is null ? "" : " of each side's median round")} (offered rate; achieved = 202 answers per second; latency from the scheduled send):");
        Line(text, $"");
        Line(text, $"| Offered/s | Intake achieved/s | Intake p50 | Intake p99 | Intake errors | Direct achieved/s | Direct p50 | Direct p99 | Direct errors |");
        Line(text, $"| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var rates = r.Intake.Steps.Concat(b.Direct.Steps).Select(s => s.OfferedRatePerS).Distinct().Order();
        foreach (var rate in rates)
        {
            Line(text, $"| {rate:0} | {Cells(r.Intake, rate)} | {Cells(b.Direct, rate)} |");
        }

        Line(text, $"");
        Line(text, $"Intake stopped at {r.Intake.StoppedBecause}; direct stopped at {b.Direct.StoppedBecause}.");
        Line(text, $"");
        CpuTable(text, r);
        Line(text, $"Against the article's claim of 10,000+ orders/s under 50 ms: the intake held that latency up to {r.Intake.MaxRatePerS:0}/s here ({r.Intake.MaxRatePerS / 100:0.#} % of 10,000/s), the same work without the Functions layers up to {b.DirectPublishMaxRatePerS:0}/s ({b.DirectPublishMaxRatePerS / 100:0.#} %), and JetStream alone stored {b.JetstreamPublishPipelinedPerS:0} publishes/s with {b.JetstreamPublishWindow} in flight. End to end at {e.RatePerS:0}/s, {e.Accepted} of {e.Post.Sent} orders were accepted, {e.Paid} reached `Paid` and {e.Unfinished} had not finished when the {e.WaitBudgetS:0} s wait ended.");
        Line(text, $"");
        Line(text, $"![p50 and p99 latency against offered rate, intake and direct]({plotFile})");
        ClusterTable(text, r);
        return text.ToString();
    }

    /// <summary>The cluster part next to the same figures on one server, with R3 ÷ R1 for each.</summary>
    private static void ClusterTable(StringBuilder text, SuiteReport r)
    {
        Line(text, $"");
        Line(text, $"### Cluster (R3) against single node (R1)");
        Line(text, $"");
        if (r.Cluster is not { } c)
        {
            Line(text, $"Not measured in this run (`./bench.sh --no-cluster` leaves it out).");
            return;
        }

        var b = r.Baseline;
        var j = c.Jetstream;
        Line(text, $"The same run, after the single-node system was stopped: {c.Nodes} nats-server nodes on this machine as one JetStream cluster, every stream and the order-status bucket with {c.Replicas} replicas, a new Azurite; the same JetStream baselines and the same moderate end-to-end run as above. The cluster part took {c.Seconds:0} s. The baselines' stream was led by {Node(j.StreamLeader)} and their client was connected to {Node(j.ClientServer)}{(j.StreamLeader is not null && j.StreamLeader == j.ClientServer ? "" : ", so each publish and ack crossed a route to the leader")}.");
        Line(text, $"");
        Line(text, $"| Measurement | R1: one nats-server | R{c.Replicas}: {c.Nodes}-node cluster | R{c.Replicas} ÷ R1 |");
        Line(text, $"| --- | --- | --- | --- |");
        Line(text, $"| JetStream publish + PubAck, one at a time ({j.PayloadBytes}-byte `OrderCreated`) | {b.JetstreamPublishSerialPerS:0}/s | {j.PublishSerialPerS:0}/s | {Ratio(j.RatiosToR1.PublishSerial)} |");
        Line(text, $"| JetStream publish + PubAck, {j.PublishWindow} in flight | {b.JetstreamPublishPipelinedPerS:0}/s | {j.PublishPipelinedPerS:0}/s | {Ratio(j.RatiosToR1.PublishPipelined)} |");
        Line(text, $"| JetStream fetch + ack, pull consumer, batches of {j.FetchBatch} | {b.JetstreamFetchAckPerS:0}/s | {j.FetchAckPerS:0}/s | {Ratio(j.RatiosToR1.FetchAck)} |");
        if (c.E2eModerate is not { } e3 || r.E2eModerate is not { } e1 || c.E2eModerateRatiosToR1 is not { } ratios)
        {
            Line(text, $"");
            Line(text, $"No moderate end-to-end run in this run (`--e2e-moderate-rate 0`), so none on the cluster either.");
            return;
        }

        var at = string.Create(CultureInfo.InvariantCulture, $"End to end at {e3.RatePerS:0} orders/s for {e3.DurationS:0} s");
        Line(text, $"| {at}: POST → `Paid`, p50 | {Ms(e1.P50Ms)} | {Ms(e3.P50Ms)} | {Ratio(ratios.P50)} |");
        Line(text, $"| {at}: POST → `Paid`, p99 | {Ms(e1.P99Ms)} | {Ms(e3.P99Ms)} | {Ratio(ratios.P99)} |");
        Line(text, $"| {at}: finished/s | {e1.CompletedPerS:0.#} | {e3.CompletedPerS:0.#} | {Ratio(ratios.CompletedPerS)} |");
        Line(text, $"| {at}: orders `Paid` of sent; unfinished after the wait | {e1.Paid} of {e1.Post.Sent}; {e1.Unfinished} | {e3.Paid} of {e3.Post.Sent}; {e3.Unfinished} | – |");
        if (e1.Cpu is { } cpu1 && e3.Cpu is { } cpu3)
        {
            Line(text, $"| CPU per finished order, all processes | **{cpu1.CpuMsPerOrder:0.##} ms** ({cpu1.CoresBusy:0.##} cores busy) | **{cpu3.CpuMsPerOrder:0.##} ms** ({cpu3.CoresBusy:0.##} cores busy) | **{Ratio(ratios.CpuMsPerOrder)}** |");
            var r1ByProcess = ClusterSection.CpuMsPerOrderByProcess(cpu1);
            var r3ByProcess = ClusterSection.CpuMsPerOrderByProcess(cpu3);
            var nodes = cpu3.ByProcess.Where(p => ClusterSection.Group(p.Name) != p.Name).ToList();
            foreach (var name in r3ByProcess.Keys.Union(r1ByProcess.Keys))
            {
                var r3Cell = PerOrder(r3ByProcess.GetValueOrDefault(name));
                var label = name;
                if (name == ClusterSection.NatsServer && nodes.Count > 0)
                {
                    label = $"{name} (R{c.Replicas}: the {nodes.Count} nodes)";
                    r3Cell += " (" + string.Join(", ", nodes.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name[(name.Length + 1)..]} {p.CpuMsPerOrder:0.##}"))) + ")";
                }

                Line(text, $"| CPU per finished order: {label} | {PerOrder(r1ByProcess.GetValueOrDefault(name))} | {r3Cell} | {Ratio(ratios.CpuMsPerOrderByProcess.GetValueOrDefault(name))} |");
            }
        }

        if (r.IdleCpu is { } idle1 && c.IdleCpu is { } idle3)
        {
            Line(text, $"| CPU of the idle system ({idle3.WallS:0} s before the runs) | {idle1.CoresBusy:0.###} cores | {idle3.CoresBusy:0.###} cores | {Ratio(RatioSection.Of(idle3.CoresBusy, idle1.CoresBusy))} |");
        }
    }

    /// <summary>A cluster node's short name (<c>n2</c> of <c>fo-1a2b3c4d-n2</c>).</summary>
    private static string Node(string? name) => name is null ? "an unknown node" : name[(name.LastIndexOf('-') + 1)..];

    private static string PerOrder(double? ms) => ms is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{ms:0.##} ms");

    /// <summary>CPU per finished order by process, for each end-to-end run that measured it.</summary>
    private static void CpuTable(StringBuilder text, SuiteReport r)
    {
        var runs = new[] { r.E2eModerate, r.E2eFixed, r.E2e }.Where(e => e?.Cpu is not null).Select(e => (Run: e!, Cpu: e!.Cpu!)).ToList();
        if (runs.Count == 0)
        {
            return;
        }

        Line(text, $"CPU per finished order, by process (user + system time from `/proc` between the first POST and the end of the wait, divided by the orders that reached a final status; the load generator is included, as it shares the cores):");
        Line(text, $"");
        Line(text, $"| Process | {string.Join(" | ", runs.Select(x => string.Create(CultureInfo.InvariantCulture, $"at {x.Run.RatePerS:0}/s: ms per order (share)")))} |");
        Line(text, $"| --- |{string.Concat(runs.Select(_ => " --- |"))}");
        var names = runs[^1].Cpu.ByProcess.Select(p => p.Name).Union(runs.SelectMany(x => x.Cpu.ByProcess.Select(p => p.Name)));
        foreach (var name in names)
        {
            Line(text, $"| {name} | {string.Join(" | ", runs.Select(x => x.Cpu.ByProcess.FirstOrDefault(p => p.Name == name) is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p.CpuMsPerOrder:0.##} ({p.Share:P0})") : "–"))} |");
        }

        Line(text, $"| **All** | {string.Join(" | ", runs.Select(x => string.Create(CultureInfo.InvariantCulture, $"**{x.Cpu.CpuMsPerOrder:0.##}** ({x.Cpu.CoresBusy:0.##} cores busy over {x.Cpu.WallS:0} s, {x.Cpu.Orders} orders)")))} |");
        Line(text, $"| **The system** (without the load generator and the telemetry receiver) | {string.Join(" | ", runs.Select(x => string.Create(CultureInfo.InvariantCulture, $"**{x.Cpu.SystemCpuMsPerOrder:0.##}**")))} |");
        Line(text, $"");
        if (r.IdleCpu is { } idle)
        {
            Line(text, $"Idle, the same processes used {idle.CoresBusy:0.###} cores ({idle.WallS:0} s measured before the runs).");
            Line(text, $"");
        }
    }

    private static string AtStep(StepSeries series) =>
        series.P50Ms is null ? "no step passed" : string.Create(CultureInfo.InvariantCulture, $"p50 {series.P50Ms:0.##} ms, p99 {series.P99Ms:0.##} ms");

    private static string Cells(StepSeries series, double rate) =>
        series.Steps.FirstOrDefault(s => s.OfferedRatePerS == rate) is { } s
            ? string.Create(CultureInfo.InvariantCulture, $"{s.AchievedRatePerS:0} | {s.P50Ms:0.##} ms | {s.P99Ms:0.##} ms | {Errors(s)}")
            : "– | – | – | –";

    private static string Errors(RunResult step) => step.Errors == 0
        ? "0"
        : step.Errors.ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", step.ErrorKinds.Select(k => $"{k.Key} {k.Value}")) + ")";

    private static string Ms(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} ms");

    /// <summary>The CPU probe's times, when the results have them, to tell a slow hour of the machine from a change in the system.</summary>
    private static string Probe(SuiteReport r) => r.Machine.CpuProbeMs is { } start
        ? string.Create(CultureInfo.InvariantCulture, $" The CPU probe (the same single-threaded work in every run, see [Method](#method)) took {start:0} ms of CPU at the start and {r.CpuProbeMsAtEnd:0} ms at the end.")
        : "";

    private static string Ratio(double? value) => value is null ? "–" : string.Create(CultureInfo.InvariantCulture, $"×{value:0.###}");

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
