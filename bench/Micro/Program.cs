using BenchmarkDotNet.Running;
using FunctionsOrders.Micro;

// Usage: dotnet run -c Release --project bench/Micro -- [--quick] [--filter <glob>]
var settings = MicroSettings.Parse(args);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroSettings).Assembly)
    .Run(settings.SwitcherArgs, MicroConfig.Create(settings))
    .ToList();
if (summaries.Count == 0)
{
    Console.Error.WriteLine($"No benchmark ran (filter '{settings.Filter}'); {settings.ResultFile} left as it was.");
    return 1;
}

var report = MicroReport.Create(summaries, settings, TimeProvider.System);
await report.WriteAsync(settings.ResultFile);
report.Print(Console.Out, settings);
return report.Failed.Count == 0 ? 0 : 1;
