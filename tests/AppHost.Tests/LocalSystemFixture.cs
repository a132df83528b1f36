using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>
/// The whole system started once for the end-to-end tests, as <c>./run.sh</c> starts it, on an empty data directory;
/// stopped with SIGTERM at the end, which must free every port. With three NATS servers it is started as
/// <c>./run.sh --cluster</c> starts it.
/// </summary>
public sealed class LocalSystemFixture : IAsyncLifetime
{
    public static readonly Uri OrderApi = new("http://127.0.0.1:7071/");
    public static readonly Uri Simulator = new("http://127.0.0.1:7080/");
    public static readonly Uri Dashboard = new("http://127.0.0.1:18888/");
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private readonly string _runDirectory = Directory.CreateTempSubdirectory("functionsorders-e2e-").FullName;
    private readonly int _natsServers;
    private ExternalProcess? _appHost;

    public LocalSystemFixture()
        : this(natsServers: 1)
    {
    }

    /// <param name="natsServers">1 (one nats-server), or 3 (the AppHost's cluster mode).</param>
    internal LocalSystemFixture(int natsServers)
    {
        _natsServers = natsServers;
    }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public ExternalProcess AppHost => _appHost ?? throw new InvalidOperationException("The system is not started.");

    /// <summary>What the AppHost prints once every service is ready.</summary>
    public const string ReadyLine = "FunctionsOrders is ready:";

    /// <summary>The order posted the moment the ready line appeared, and its final view.</summary>
    public (string OrderId, JsonElement Final) FirstOrder { get; private set; }

    /// <summary>From that order's POST until it was final.</summary>
    public TimeSpan FirstOrderFinalAfter { get; private set; }

    /// <summary>From the ready line until the dashboard had metrics of every service (null: not within a minute).</summary>
    public TimeSpan? MetricsEverywhereAfter { get; private set; }

    /// <summary>The services whose telemetry the dashboard shows.</summary>
    public static readonly string[] Services = ["order-functions", "payment-functions", "nats-bridge", "payment-provider"];

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartDeadline + TimeSpan.FromSeconds(30));
        if (!File.Exists(LocalSystem.AppHostDll))
        {
            throw new InvalidOperationException($"{LocalSystem.AppHostDll} is not built");
        }

        await WaitForStragglersAsync();
        if (LocalSystem.Listening() is { Length: > 0 } taken)
        {
            throw new InvalidOperationException($"ports already taken: {string.Join(", ", taken)}");
        }

        _appHost = ExternalProcess.Start(_natsServers == 1 ? "apphost-e2e" : "apphost-cluster", "dotnet", [LocalSystem.AppHostDll],
            new Dictionary<string, string>
            {
                ["FUNCTIONSORDERS_RUN_DIR"] = _runDirectory,
                ["FUNCTIONSORDERS_NATS_CLUSTER"] = _natsServers == 1 ? "" : $"{_natsServers}",
            });
        try
        {
            await Poll.UntilAsync(() => _appHost.HasExited || _appHost.ReadLog().Contains(ReadyLine, StringComparison.Ordinal),
                StartDeadline, "the AppHost's ready line", TimeSpan.FromMilliseconds(50), cts.Token);
            if (_appHost.HasExited)
            {
                await _appHost.WaitForExitAsync(cts.Token);
                throw new InvalidOperationException($"the AppHost exited with {_appHost.ExitCode} before it was ready:{Environment.NewLine}{_appHost.ReadLog()}");
            }
            await MeasureRightAfterReadyAsync(cts.Token);
            foreach (var url in LocalSystem.HealthUrls(_natsServers).Append("http://127.0.0.1:7090/readyz"))
            {
                await Poll.UntilAsync(async () => !_appHost.HasExited && await AnswersAsync(url, cts.Token),
                    StartDeadline, $"{url} to answer 2xx", TimeSpan.FromMilliseconds(500), cts.Token);
            }
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{e.Message}{Environment.NewLine}AppHost log:{Environment.NewLine}{_appHost.ReadLog()}", e);
        }
    }

    /// <summary>
    /// What a user meets right after the ready line: an order posted at once (timed until it is final), and the
    /// dashboard's metrics of each service (timed until all have some).
    /// </summary>
    private async Task MeasureRightAfterReadyAsync(CancellationToken cancellationToken)
    {
        var ready = Stopwatch.StartNew();
        var metrics = Task.Run(async () =>
        {
            try
            {
                await Poll.UntilAsync(async () => (await ResourcesWithMetricsAsync(cancellationToken)).IsSupersetOf(Services),
                    TimeSpan.FromMinutes(1), "metrics of every service", TimeSpan.FromMilliseconds(100), cancellationToken);
                return ready.Elapsed;
            }
            catch (TimeoutException)
            {
                return (TimeSpan?)null;
            }
        }, cancellationToken);

        var id = await PlaceOrderAsync("cust-first-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), cancellationToken: cancellationToken);
        var final = await WaitForFinalAsync([id], TimeSpan.FromSeconds(60), cancellationToken, TimeSpan.FromMilliseconds(20));
        FirstOrderFinalAfter = ready.Elapsed;
        FirstOrder = (id, final[id]);
        MetricsEverywhereAfter = await metrics;
    }

    /// <summary>The services the dashboard has metrics of.</summary>
    public async Task<HashSet<string>> ResourcesWithMetricsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var resources = await Http.GetFromJsonAsync<JsonElement[]>(new Uri(Dashboard, "api/telemetry/resources"), cancellationToken) ?? [];
            return resources.Where(r => r.GetProperty("hasMetrics").GetBoolean()).Select(r => r.GetProperty("name").GetString()!).ToHashSet();
        }
        catch (HttpRequestException)
        {
            return [];
        }
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_appHost is not null)
        {
            var exited = await _appHost.TerminateAsync(StopDeadline);
            await _appHost.DisposeAsync();
            using var cts = new CancellationTokenSource(StopDeadline * 2);
            await Poll.UntilAsync(() => LocalSystem.Listening().Length == 0, StopDeadline,
                "every port to be free after SIGTERM", TimeSpan.FromMilliseconds(250), cts.Token);
            if (!exited)
            {
                throw new InvalidOperationException("the AppHost outlived SIGTERM by 30 s");
            }

            await WaitForStragglersAsync();
        }

        try
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A straggling writer; the temp directory is left for the OS to clean.
        }
    }

    /// <summary>
    /// Waits until no process of a local run is left, so the next run starts clean: a service can still be flushing
    /// its telemetry for a while after its ports closed. What is left after a minute is killed.
    /// </summary>
    internal static async Task WaitForStragglersAsync()
    {
        try
        {
            await Poll.UntilAsync(() => LocalSystem.Stragglers().Length == 0, TimeSpan.FromSeconds(60),
                "the processes of the last local run to exit", TimeSpan.FromMilliseconds(250));
        }
        catch (TimeoutException)
        {
            foreach (var (pid, commandLine) in LocalSystem.Stragglers())
            {
                await Console.Error.WriteLineAsync($"killing {pid}, still running a minute after its run stopped: {commandLine}");
                try
                {
                    System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone meanwhile.
                }
            }
        }
    }

    /// <summary>Posts an order as JSON and returns the response (the caller checks the status).</summary>
    public Task<HttpResponseMessage> PostOrderAsync(string customerId, string? idempotencyKey, string? traceParent, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(OrderApi, "api/orders"))
        {
            Content = JsonContent.Create(new
            {
                customerId,
                currency = "EUR",
                items = new[] { new { sku = "SKU-E2E", quantity = 2, unitPrice = 12.34m } },
            }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        return Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Posts an order that must be accepted, and returns its id.</summary>
    public async Task<string> PlaceOrderAsync(string customerId, string? idempotencyKey = null, string? traceParent = null, CancellationToken cancellationToken = default)
    {
        using var response = await PostOrderAsync(customerId, idempotencyKey, traceParent, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/orders answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!;
    }

    /// <summary>
    /// Posts an order as a well-behaved client does: a 503 is sent again with the same Idempotency-Key after its
    /// Retry-After (which it must carry), up to <paramref name="attempts"/> times. Returns the id and the 503s seen.
    /// </summary>
    public async Task<(string OrderId, int Refusals)> PlaceOrderWithRetryAsync(string customerId, string idempotencyKey, int attempts, CancellationToken cancellationToken)
    {
        for (var refusals = 0; ; refusals++)
        {
            using var response = await PostOrderAsync(customerId, idempotencyKey, traceParent: null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && refusals + 1 < attempts)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                Assert.True(retryAfter is not null, $"a 503 without Retry-After: {body}");
                await Task.Delay(retryAfter.Value, cancellationToken);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/orders answered {(int)response.StatusCode} after {refusals} refusals: {body}");
            return (JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!, refusals);
        }
    }

    /// <summary><c>GET /api/orders/{id}</c>: the status code and, on 200, the body.</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> GetOrderAsync(string orderId, CancellationToken cancellationToken, string? traceParent = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(OrderApi, $"api/orders/{orderId}"));
        if (traceParent is not null)
        {
            request.Headers.Add("traceparent", traceParent);
        }

        using var response = await Http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default);
    }

    /// <summary>Polls each order until it reaches <c>Paid</c> or <c>PaymentFailed</c>; returns their final views.</summary>
    /// <param name="orderIds">The orders.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <param name="interval">Time between two rounds of GETs (default 500 ms).</param>
    /// <param name="traceParent">Sent with every GET, so the polls make one trace rather than one each.</param>
    public async Task<IReadOnlyDictionary<string, JsonElement>> WaitForFinalAsync(
        IReadOnlyCollection<string> orderIds, TimeSpan timeout, CancellationToken cancellationToken, TimeSpan? interval = null, string? traceParent = null)
    {
        var final = new Dictionary<string, JsonElement>();
        var unexpected = new List<string>();
        try
        {
            await Poll.UntilAsync(async () =>
            {
                var open = orderIds.Where(id => !final.ContainsKey(id)).ToArray();
                var views = await Task.WhenAll(open.Select(async id => (Id: id, View: await GetOrderAsync(id, cancellationToken, traceParent))));
                foreach (var (id, (status, body)) in views)
                {
                    if (status != HttpStatusCode.OK)
                    {
                        unexpected.Add($"GET /api/orders/{id} answered {(int)status}");
                    }
                    else if (body.GetProperty("status").GetString() is "Paid" or "PaymentFailed")
                    {
                        final[id] = body;
                    }
                }

                return final.Count == orderIds.Count;
            }, timeout, "every order to reach a final status", interval ?? TimeSpan.FromMilliseconds(500), cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {orderIds.Count - final.Count} of {orderIds.Count} still open; {string.Join("; ", unexpected.Take(5))}", e);
        }

        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected.Take(20)));

        return final;
    }

    /// <summary>The simulator's charges for one order.</summary>
    public async Task<JsonElement[]> ChargesOfAsync(string orderId, CancellationToken cancellationToken)
    {
        var all = await Http.GetFromJsonAsync<JsonElement[]>(new Uri(Simulator, "v1/charges"), cancellationToken) ?? [];
        return all.Where(charge => charge.GetProperty("orderId").GetString() == orderId).ToArray();
    }

    private async Task<bool> AnswersAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalSystemCollection : ICollectionFixture<LocalSystemFixture>
{
    public const string Name = "local system";
}
