using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsOrders.Reconciliation;

namespace FunctionsOrders.Faults.Tests;

/// <summary>What one POST got back.</summary>
internal sealed record PostOutcome(string IdempotencyKey, HttpStatusCode? Status, string? OrderId, TimeSpan Elapsed, TimeSpan? RetryAfter, string? Error)
{
    /// <summary>The customer was one the simulator declines, so the order must end <c>PaymentFailed</c>.</summary>
    public bool Declined { get; init; }
}

/// <summary>
/// Steady open-loop load on <c>POST /api/orders</c>: one order every 1/rate seconds, each with its own
/// Idempotency-Key, whether or not earlier ones answered. Every outcome is kept; the orders answered 202 are what
/// reconciliation checks.
/// </summary>
internal sealed class OrderLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Func<Uri> _api;
    private readonly double _rate;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<PostOutcome> _outcomes = new();
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private int _sequence;

    /// <param name="api">The order API's base address (read per request, so a restarted host is followed).</param>
    /// <param name="rate">Orders per second.</param>
    /// <param name="requestTimeout">A POST not answered within this counts as an error outcome.</param>
    public OrderLoad(Func<Uri> api, double rate, TimeSpan? requestTimeout = null)
    {
        _api = api;
        _rate = rate;
        _http = new HttpClient { Timeout = requestTimeout ?? TimeSpan.FromSeconds(15) };
    }

    public IReadOnlyCollection<PostOutcome> Outcomes => _outcomes;

    /// <summary>Orders answered 202, with the status each must end in.</summary>
    public IReadOnlyList<AcceptedOrder> Accepted => _outcomes
        .Where(o => o.Status == HttpStatusCode.Accepted)
        .DistinctBy(o => o.OrderId)
        .Select(o => new AcceptedOrder(o.OrderId!, o.Declined ? "PaymentFailed" : "Paid"))
        .ToList();

    public int Sent => Volatile.Read(ref _sequence);

    public OrderLoad Start()
    {
        _loop = Task.Run(LoopAsync);
        return this;
    }

    /// <summary>Stops sending and waits for every POST already sent to be answered.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await Task.WhenAll(_pending.Keys);
    }

    /// <summary>Waits until at least <paramref name="count"/> orders were accepted.</summary>
    public Task UntilAcceptedAsync(int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        SystemHarness.Poll.UntilAsync(() => _outcomes.Count(o => o.Status == HttpStatusCode.Accepted) >= count, timeout,
            $"{count} accepted orders", TimeSpan.FromMilliseconds(50), cancellationToken);

    /// <summary>Posts one order with <paramref name="key"/> and returns what came back.</summary>
    public static async Task<PostOutcome> PostAsync(HttpClient http, Uri api, string key, string customerId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(api, "api/orders"))
            {
                Content = JsonContent.Create(new
                {
                    customerId,
                    currency = "EUR",
                    items = new[] { new { sku = "SKU-1", quantity = 2, unitPrice = 12.34m } },
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await http.SendAsync(request, cancellationToken);
            string? orderId = null;
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                orderId = body.RootElement.GetProperty("orderId").GetString();
            }

            return new PostOutcome(key, response.StatusCode, orderId, Stopwatch.GetElapsedTime(started), response.Headers.RetryAfter?.Delta, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new PostOutcome(key, null, null, Stopwatch.GetElapsedTime(started), null, e.GetType().Name + ": " + e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var interval = TimeSpan.FromSeconds(1 / _rate);
        var started = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _sequence);
            var send = SendAsync(n);
            _pending.TryAdd(send, 0);
            _ = send.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
            var due = interval * n - Stopwatch.GetElapsedTime(started);
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task SendAsync(int n)
    {
        var customer = n % 10 == 0 ? "decline-" + _prefix : "cust-" + _prefix;
        var outcome = await PostAsync(_http, _api(), $"{_prefix}-{n}", customer, CancellationToken.None);
        _outcomes.Enqueue(outcome with { Declined = n % 10 == 0 });
    }
}
