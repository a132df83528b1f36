using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>The payment-provider simulator (dev/PaymentProvider) as a process of its own on a free port.</summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly ExternalProcess _process;

    private SimulatorProcess(ExternalProcess process, Uri url)
    {
        _process = process;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Url { get; }

    public HttpClient Http { get; }

    /// <summary>Starts the simulator on <paramref name="port"/>, or on a free port when none is given.</summary>
    public static async Task<SimulatorProcess> StartAsync(CancellationToken cancellationToken, int? port = null)
    {
        var url = new Uri($"http://127.0.0.1:{port ?? FreePort.Next()}/");
        var process = ExternalProcess.Start("payment-provider", "dotnet", [BuiltAssembly.PaymentProvider, "--urls", url.ToString().TrimEnd('/')]);
        var simulator = new SimulatorProcess(process, url);
        try
        {
            await Poll.UntilAsync(
                async () => process.HasExited
                    ? throw new InvalidOperationException($"The simulator exited with {process.ExitCode}: {process.ReadLog()}")
                    : (await simulator.Http.GetAsync("health", cancellationToken)).IsSuccessStatusCode,
                TimeSpan.FromSeconds(30), $"payment-provider simulator on {url} (log: {process.LogPath})", cancellationToken: cancellationToken);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Charges as PaymentFunctions does (the idempotency key is the order id unless given); returns the charge id and status.</summary>
    public async Task<(string Id, string Status)> ChargeAsync(string orderId, string customerId, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/charges")
        {
            Content = JsonContent.Create(new { orderId, customerId, amount = 12.50m, currency = "EUR" }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? orderId);
        using var response = await Http.SendAsync(request, cancellationToken);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"charge answered {(int)response.StatusCode}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return (body.RootElement.GetProperty("id").GetString()!, body.RootElement.GetProperty("status").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
    }
}
