using System.Globalization;
using FunctionsOrders.HostOverhead;

// Usage: dotnet run -c Release --project bench/HostOverhead [-- --duration 10 --concurrency 32]
if (args is [BareKestrel.Switch, var port])
{
    await BareKestrel.RunAsync(int.Parse(port, CultureInfo.InvariantCulture));
    return;
}

var settings = BenchSettings.Parse(args);
const string RpcHttp = "host, RpcHttp";
const string AspNetCore = "host, ASP.NET Core";
const string Kestrel = "bare Kestrel";
var scenarios = new List<ScenarioResult>();
foreach (var scenario in new[] { Scenario.SmallJson, Scenario.OneMebibyte })
{
    var results = new List<TargetResult>();

    // One target at a time, so no idle process shares the cores with the one being measured.
    foreach (var start in new Func<Task<Target>>[]
    {
        () => Target.FunctionsHostAsync(RpcHttp, "tests/FunctionsHost.TestApp", settings),
        () => Target.FunctionsHostAsync(AspNetCore, "tests/FunctionsHost.AspNetCoreApp", settings),
        Target.BareKestrelAsync,
    })
    {
        await using var target = await start();
        Console.Error.WriteLine($"{scenario.Name}: {target.Name} ({settings.Warmup.TotalSeconds} s warm-up, {settings.Duration.TotalSeconds} s measured)");
        results.Add(await LoadRunner.RunAsync(target, scenario, settings));
    }

    scenarios.Add(ScenarioResult.Create(scenario.Name, results, (AspNetCore, RpcHttp), (RpcHttp, Kestrel), (AspNetCore, Kestrel)));
}

var report = BenchReport.Create(settings, scenarios, TimeProvider.System);
report.Print(Console.Out);
await report.WriteAsync(settings.ResultFile);
