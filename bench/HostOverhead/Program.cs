using FunctionsOrders.HostOverhead;

// Usage: dotnet run -c Release --project bench/HostOverhead [-- --duration 10 --concurrency 32]
var settings = BenchSettings.Parse(args);
await using var host = await FunctionsHostTarget.StartAsync(settings);
await using var kestrel = await BareKestrelTarget.StartAsync();

var hostResult = await LoadRunner.RunAsync("functions host", host.Url, settings);
var kestrelResult = await LoadRunner.RunAsync("bare Kestrel", kestrel.Url, settings);

var report = BenchReport.Create(settings, hostResult, kestrelResult, TimeProvider.System);
report.Print(Console.Out);
await report.WriteAsync(settings.ResultFile);
