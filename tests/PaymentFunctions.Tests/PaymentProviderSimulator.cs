using System.Net.Http.Json;
using System.Reflection;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>The payment-provider simulator (dev/PaymentProvider) as a real process on a free port.</summary>
internal sealed class PaymentProviderSimulator : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private PaymentProviderSimulator(ExternalProcess process, string url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Url { get; }

    public HttpClient Http { get; }

    public static async Task<PaymentProviderSimulator> StartAsync(CancellationToken cancellationToken)
    {
        var dll = typeof(PaymentProviderSimulator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PaymentProviderDll").Value!;
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var process = ExternalProcess.Start("payment-provider", "dotnet", [dll, "--urls", url]);
        var simulator = new PaymentProviderSimulator(process, url);
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The simulator exited with {process.ExitCode}: {process.ReadLog()}");
                }

                using var response = await simulator.Http.GetAsync("/health", cancellationToken);
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(30), $"payment-provider simulator on {url} (log: {process.LogPath})", cancellationToken: cancellationToken);
        return simulator;
    }

    public async Task SetFaultsAsync(int latencyMs = 0, double failureRate = 0, bool outage = false, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync("/admin/faults", new { latencyMs, failureRate, outage }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<SimulatedCharge>> ChargesAsync(CancellationToken cancellationToken = default) =>
        await Http.GetFromJsonAsync<List<SimulatedCharge>>("/v1/charges", cancellationToken) ?? [];

    public async Task<long> ChargeRequestsAsync(CancellationToken cancellationToken = default) =>
        (await Http.GetFromJsonAsync<SimulatedStats>("/admin/stats", cancellationToken))!.ChargeRequests;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
