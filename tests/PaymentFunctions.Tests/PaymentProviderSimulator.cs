using System.Net.Http.Json;
using System.Reflection;
using FunctionsOrders.SystemHarness;

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

    /// <summary>Starts the simulator; <paramref name="settings"/> go on its command line (e.g. <c>Simulator:IdempotencyKeyTtl</c>).</summary>
    public static async Task<PaymentProviderSimulator> StartAsync(CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = typeof(PaymentProviderSimulator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PaymentProviderDll").Value!;
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var arguments = new List<string> { dll, "--urls", url };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            arguments.Add($"--{key}={value}");
        }

        var process = ExternalProcess.Start("payment-provider", "dotnet", arguments);
        var simulator = new PaymentProviderSimulator(process, url);
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    return true;
                }

                using var response = await simulator.Http.GetAsync("/health", cancellationToken);
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(30), $"payment-provider simulator on {url} (log: {process.LogPath})", cancellationToken: cancellationToken);
        if (process.HasExited)
        {
            await process.WaitForExitAsync(cancellationToken);
            var error = new InvalidOperationException($"The simulator exited with {process.ExitCode}: {process.ReadLog()}");
            await simulator.DisposeAsync();
            throw error;
        }

        return simulator;
    }

    public async Task SetFaultsAsync(
        int latencyMs = 0, double failureRate = 0, bool outage = false, int? errorStatus = null, string? chargeStatus = null,
        string? latencyCustomerPrefix = null, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync(
            "/admin/faults", new { latencyMs, failureRate, outage, errorStatus, chargeStatus, latencyCustomerPrefix }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<SimulatedCharge>> ChargesAsync(CancellationToken cancellationToken = default) =>
        await Http.GetFromJsonAsync<List<SimulatedCharge>>("/v1/charges", cancellationToken) ?? [];

    /// <summary>The provider's search by order id, as the app calls it.</summary>
    public async Task<IReadOnlyList<SimulatedCharge>> SearchAsync(string orderId, CancellationToken cancellationToken = default) =>
        (await Http.GetFromJsonAsync<SimulatedSearch>($"/v1/charges/search?order_id={Uri.EscapeDataString(orderId)}", cancellationToken))!.Data;

    public async Task<SimulatedStats> StatsAsync(CancellationToken cancellationToken = default) =>
        (await Http.GetFromJsonAsync<SimulatedStats>("/admin/stats", cancellationToken))!;

    public async Task<long> ChargeRequestsAsync(CancellationToken cancellationToken = default) =>
        (await StatsAsync(cancellationToken)).ChargeRequests;

    /// <summary>Waits until the simulator remembers no idempotency key any more (its key TTL passed for all of them).</summary>
    public Task UntilKeysExpiredAsync(CancellationToken cancellationToken) =>
        Poll.UntilAsync(async () => (await StatsAsync(cancellationToken)).IdempotencyKeys == 0, TimeSpan.FromSeconds(30),
            "the simulator to forget every idempotency key", TimeSpan.FromMilliseconds(100), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
