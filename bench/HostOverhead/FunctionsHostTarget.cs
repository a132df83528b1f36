using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FunctionsOrders.HostOverhead;

/// <summary>The local Functions host running the test app, as a process on a loopback port.</summary>
internal sealed class FunctionsHostTarget : IAsyncDisposable
{
    private readonly Process _process;

    private FunctionsHostTarget(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<FunctionsHostTarget> StartAsync(BenchSettings settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(settings.Output("dev/FunctionsHost"), "FunctionsOrders.FunctionsHost.dll"),
            "--app", settings.Output("tests/FunctionsHost.TestApp"),
            "--port", port.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        // Request logging off: the benchmark measures the host, not the console.
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => Console.Error.WriteLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var target = new FunctionsHostTarget(process, new Uri($"http://127.0.0.1:{port}/api/ping"));
        await target.WaitUntilServingAsync();
        return target;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var client = new HttpClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            deadline.Token.ThrowIfCancellationRequested();
            try
            {
                using var response = await client.GetAsync(Url, deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
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
