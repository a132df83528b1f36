using System.Globalization;
using System.Net;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.HostOverhead;

/// <summary>A server under measurement, running as a process tree of its own on a loopback port.</summary>
internal sealed class Target : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private Target(string name, ExternalProcess process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>The local Functions host running the function app built in <paramref name="appProject"/>.</summary>
    public static Task<Target> FunctionsHostAsync(string name, string appProject, BenchSettings settings)
    {
        var port = FreePort.Next();
        string[] arguments =
        [
            Path.Combine(settings.Output("dev/FunctionsHost"), "FunctionsOrders.FunctionsHost.dll"),
            "--app", settings.Output(appProject),
            "--port", port.ToString(CultureInfo.InvariantCulture),
        ];
        return StartAsync(name, arguments, port);
    }

    /// <summary>This program's own bare Kestrel endpoints (<see cref="BareKestrel"/>) in a process of their own.</summary>
    public static Task<Target> BareKestrelAsync()
    {
        var port = FreePort.Next();
        return StartAsync("bare Kestrel", [typeof(Target).Assembly.Location, BareKestrel.Switch, port.ToString(CultureInfo.InvariantCulture)], port);
    }

    /// <summary>CPU time used so far by the target's process and, apart, by the processes under it (the host's worker).</summary>
    public ProcessTreeCpu.Split CpuTime() => ProcessTreeCpu.Of(_process.Id);

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task<Target> StartAsync(string name, string[] arguments, int port)
    {
        // Request logging off: the benchmark measures the servers, not their logs.
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
        var process = ExternalProcess.Start(name.Replace(' ', '-').Replace(",", "", StringComparison.Ordinal), "dotnet", arguments, environment);
        var target = new Target(name, process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            using var client = new HttpClient { BaseAddress = target.BaseAddress };
            await Poll.UntilAsync(
                async () => process.HasExited
                    ? throw new InvalidOperationException($"{name} exited with code {process.ExitCode}:\n{process.ReadLog()}")
                    : (await client.GetAsync("api/ping")).StatusCode == HttpStatusCode.OK,
                TimeSpan.FromSeconds(90),
                $"{name} to serve api/ping (log: {process.LogPath})",
                TimeSpan.FromMilliseconds(200));
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }
}
