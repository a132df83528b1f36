using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FunctionsOrders.HostOverhead;

/// <summary>A server under measurement, running as a process tree of its own on a loopback port.</summary>
internal sealed class Target : IAsyncDisposable
{
    private readonly Process _process;

    private Target(string name, Process process, Uri baseAddress)
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
        var port = FreePort();
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
        var port = FreePort();
        return StartAsync("bare Kestrel", [typeof(Target).Assembly.Location, BareKestrel.Switch, port.ToString(CultureInfo.InvariantCulture)], port);
    }

    /// <summary>CPU time used so far by the target's process and, apart, by the processes under it (the host's worker).</summary>
    public ProcessTreeCpu.Split CpuTime() => ProcessTreeCpu.Of(_process.Id);

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static async Task<Target> StartAsync(string name, string[] arguments, int port)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Request logging off: the benchmark measures the servers, not the console.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => Console.Error.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var target = new Target(name, process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await target.WaitUntilServingAsync();
            return target;
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it served.");
            }

            try
            {
                using var response = await client.GetAsync("api/ping", deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} did not serve api/ping within 90 s.");
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
