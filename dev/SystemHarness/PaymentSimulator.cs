using System.Net.Http.Json;

namespace FunctionsOrders.SystemHarness;

/// <summary>The payment provider simulator (<c>dev/PaymentProvider</c>) as a process, with a client for its charge list, counters and fault switches.</summary>
public sealed class PaymentSimulator : IAsyncDisposable
{
    private PaymentSimulator(ServiceProcess service)
    {
        Service = service;
        Client = new HttpClient { BaseAddress = service.Url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public ServiceProcess Service { get; }

    /// <summary>The simulator's base address: what <c>Payments:Provider:BaseUrl</c> points at.</summary>
    public Uri Url => Service.Url;

    /// <summary>A client for the simulator's API and its admin endpoints.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the simulator on a free port with <paramref name="environment"/> and waits until it answers.</summary>
    public static async Task<PaymentSimulator> StartAsync(IDictionary<string, string> environment, string? workingDirectory, CancellationToken cancellationToken) =>
        new(await ServiceProcess.StartAsync(
            "payment-provider", "dev/PaymentProvider", "FunctionsOrders.PaymentProvider.dll", "health", environment, cancellationToken, workingDirectory));

    /// <summary>Sets the simulator's faults; <paramref name="errorStatus"/> answers every API call with it, <paramref name="chargeStatus"/> reports charges with it.</summary>
    public async Task SetFaultsAsync(
        int latencyMs = 0, double failureRate = 0, bool outage = false, int? errorStatus = null, string? chargeStatus = null,
        CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsJsonAsync("admin/faults", new { latencyMs, failureRate, outage, errorStatus, chargeStatus }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every charge the simulator holds.</summary>
    public async Task<IReadOnlyList<ProviderCharge>> ChargesAsync(CancellationToken cancellationToken) =>
        await Client.GetFromJsonAsync<List<ProviderCharge>>("v1/charges", cancellationToken) ?? [];

    /// <summary>How many charge requests reached the simulator, answered or not.</summary>
    public async Task<long> ChargeRequestsAsync(CancellationToken cancellationToken) =>
        (await StatsAsync(cancellationToken)).ChargeRequests;

    /// <summary>The simulator's counters.</summary>
    public async Task<ProviderStats> StatsAsync(CancellationToken cancellationToken) =>
        (await Client.GetFromJsonAsync<ProviderStats>("admin/stats", cancellationToken))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
    }
}
