namespace FunctionsOrders.LoadGen.Cli;

/// <summary>The help text.</summary>
internal static class Usage
{
    public const string Text = """
        FunctionsOrders load generator: open-loop HTTP load on POST /api/orders, latency from the scheduled send time.

        Usage: dotnet bench/LoadGen/bin/Release/net10.0/FunctionsOrders.LoadGen.dll <command> [options]

        Commands:
          suite   Start everything on free ports (nats-server, Azurite, the payment simulator, both function apps
                  under the local Functions host, NatsBridge, all exporting telemetry to an OTLP receiver as under
                  ./run.sh), run the baselines, the direct intake and the intake in step mode, 20 orders one at a
                  time, the end-to-end runs and the sustainable-rate search; stop it all, then run the JetStream baselines and the moderate
                  end-to-end run again on a three-node JetStream cluster with every stream at three replicas; write
                  bench/results/latest.json, a dated copy, the table in docs/benchmarks.md and
                  docs/benchmarks-intake.svg; stop everything. (./bench.sh runs this.)
            --quick                  short steps and runs (about 11 minutes in all)
            --rates a,b,c            step rates per second (default 50,100,250,500,1000,1500,2000,2500,3000,3500,4000,5000,
                                     6000,7000,8000,10000,...)
            --step-seconds S         length of each step (default 15, quick 4)
            --step-rounds N          rounds of steps, 1 to 9, the direct intake and the intake taking turns;
                                     each one's maximum is the median of its rounds, of two middle ones the
                                     lower (default 3)
            --p99-limit-ms N         a step passes with p99 <= N and no errors (default 50)
            --baseline-seconds S     length of each JetStream and Azurite baseline (default 10, quick 3)
            --e2e-rate N             orders per second of the end-to-end run (default 1000)
            --e2e-moderate-rate N    orders per second of an end-to-end run before it, for the latency of an
                                     unsaturated system (default 50; 0 skips it)
            --e2e-seconds S          length of the end-to-end run (default 30, quick 10)
            --e2e-fixed-rate N       orders per second of the fixed-rate run (30 s, quick 20 s) whose CPU per order
                                     and latency are the headline figures (default 100)
            --sustainable-rates a,b  rates tried in the sustainable-rate search, each 20 s (quick 10 s); a rate holds
                                     when every order is final within 5 s of the last POST with p99 <= 500 ms
                                     (default 50,100,200,300,400,500,600,800,1000,1250,1500,1750,2000,2500,3000)
            --e2e-wait-seconds S     how long to wait afterwards for orders to reach their final status (default 120, quick 45)
            --max-in-flight N        requests open at once; a request due beyond it is not sent and counts as an error (default 10000)
            --timeout-seconds S      an answer later than this is an error (default 10)
            --results DIR            where the JSON goes (default bench/results)
            --no-docs                do not touch docs/benchmarks.md and the plot
            --no-cluster             leave out the three-node cluster part (about 1 minute less with --quick, 2 without)
            --azurite-on-disk        Azurite keeps its data on disk, as under ./run.sh, instead of in memory: it then
                                     saves its whole store every 5 s, pauses that set the tail latency at high rates

          fixed   One run at a fixed rate against a running order API.
            --url URL (required)  --rate N (default 1000)  --seconds S (default 10)  --max-in-flight N  --timeout-seconds S

          step    Step mode against a running order API: raise the rate until p99 > limit or any error.
            --url URL (required)  --rates a,b,c  --step-seconds S (default 10)  --p99-limit-ms N  --max-in-flight N  --timeout-seconds S

          e2e     POST -> final status against a running system, watching the order-status bucket on its nats-server.
            --url URL (required)  --nats nats://HOST:PORT (required)  --rate N (default 1000)  --seconds S (default 10)
            --wait-seconds S (default 60)  --bucket NAME (default order-status)  --max-in-flight N  --timeout-seconds S

          render  Regenerate the table in docs/benchmarks.md and docs/benchmarks-intake.svg from a suite's results.
            --from FILE (required), e.g. bench/results/latest.json

        --url is the base address of the order API, e.g. http://127.0.0.1:7071. Results go to standard output as JSON
        (fixed, step, e2e) and progress lines to standard error. Exit codes: 0 done, 1 failed, 2 bad arguments, 130 stopped.
        """;
}
