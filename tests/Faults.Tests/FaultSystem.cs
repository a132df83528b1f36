using System.Globalization;
using System.Net.Http.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Faults.Tests;

/// <summary>Settings a scenario changes from the defaults, as app settings and bridge route settings.</summary>
internal sealed record FaultSystemOptions
{
    /// <summary>Extra OrderFunctions app settings (e.g. <c>Nats__Publish__MaxInFlight</c>).</summary>
    public Dictionary<string, string> Orders { get; init; } = [];

    /// <summary>Extra PaymentFunctions app settings.</summary>
    public Dictionary<string, string> Payments { get; init; } = [];

    /// <summary>Settings applied to every bridge route (e.g. <c>AckWait</c>), by route option name.</summary>
    public Dictionary<string, string> Routes { get; init; } = [];

    /// <summary>Extra bridge settings (e.g. <c>Bridge__ShutdownTimeout</c>).</summary>
    public Dictionary<string, string> Bridge { get; init; } = [];
}

/// <summary>
/// The whole system as processes on free loopback ports with private stores: nats-server, Azurite, the payment
/// simulator, OrderFunctions and PaymentFunctions under the local Functions host, and NatsBridge with its three
/// routes. Every part can be killed, stopped and started again where it was, which is what the scenarios do.
/// </summary>
internal sealed class FaultSystem : IAsyncDisposable
{
    public const string LedgerTable = "payments";

    private readonly FaultSystemOptions _options;
    private readonly string _functionKey = Guid.NewGuid().ToString("N");
    private readonly string _bridgeDirectory = Directory.CreateTempSubdirectory("faults-bridge-").FullName;
    private readonly int _simulatorPort = FreePort.Next();
    private ExternalProcess? _simulator;

    private FaultSystem(FaultSystemOptions options, NatsServer nats, AzuriteServer azurite)
    {
        _options = options;
        Nats = nats;
        Azurite = azurite;
        SimulatorUrl = new Uri($"http://127.0.0.1:{_simulatorPort}/");
        Simulator = new HttpClient { BaseAddress = SimulatorUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public NatsServer Nats { get; }

    public AzuriteServer Azurite { get; }

    public Uri SimulatorUrl { get; }

    /// <summary>A client for the simulator's charge list, stats and fault switches.</summary>
    public HttpClient Simulator { get; }

    public FunctionsHostProcess Orders { get; private set; } = null!;

    public FunctionsHostProcess Payments { get; private set; } = null!;

    public ExternalProcess? Bridge { get; private set; }

    /// <summary>NatsBridge's own endpoints (health, metrics); a new free port at each start.</summary>
    public Uri BridgeUrl { get; private set; } = null!;

    /// <summary>The order API's base address; it stays the same across restarts of the OrderFunctions host.</summary>
    public Uri OrderApi => Orders.Client.BaseAddress!;

    public static async Task<FaultSystem> StartAsync(FaultSystemOptions? options = null, CancellationToken cancellationToken = default)
    {
        var nats = await NatsServer.StartAsync(cancellationToken: cancellationToken);
        AzuriteServer? azurite = null;
        try
        {
            azurite = await AzuriteServer.StartAsync(cancellationToken);
        }
        catch
        {
            await nats.DisposeAsync();
            throw;
        }

        var system = new FaultSystem(options ?? new FaultSystemOptions(), nats, azurite);
        try
        {
            await system.StartSimulatorAsync(cancellationToken);
            var orders = system.StartOrdersAsync(null, cancellationToken);
            var payments = system.StartPaymentsAsync(null, cancellationToken);
            system.Orders = await orders;
            system.Payments = await payments;
            await system.StartBridgeAsync(cancellationToken);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts NatsBridge (again) on a free port and waits until it is ready.</summary>
    public Task StartBridgeAsync(CancellationToken cancellationToken) =>
        // A port found free can be taken by another process before the bridge binds it: then take another.
        FreePortRetry.StartAsync(() => BridgeUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/"), () => StartBridgeOnceAsync(cancellationToken));

    private async Task StartBridgeOnceAsync(CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string>(_options.Bridge)
        {
            ["Nats__Url"] = Nats.Url,
            ["Nats__ReconnectWaitMin"] = "00:00:00.100",
            ["Nats__ReconnectWaitMax"] = "00:00:00.500",
        };
        foreach (var (route, stream, filter, app, path) in new[]
                 {
                     ("payments", "ORDERS", "orders.created.>", Payments, "api/internal/payments"),
                     ("order-status", "ORDERS", "orders.created.>", Orders, "api/internal/order-events"),
                     ("payment-status", "PAYMENTS", "payments.processed.>", Orders, "api/internal/order-events"),
                 })
        {
            var key = $"Bridge__Routes__{route}__";
            environment[key + "Stream"] = stream;
            environment[key + "FilterSubject"] = filter;
            environment[key + "Url"] = new Uri(app.Client.BaseAddress!, path).ToString();
            environment[key + "FunctionKey"] = _functionKey;
            environment[key + "FetchExpires"] = "00:00:02";
            foreach (var (name, value) in _options.Routes)
            {
                environment[key + name] = value;
            }
        }

        var dll = Path.Combine(BuildOutput.Of("NatsBridge"), "FunctionsOrders.NatsBridge.dll");
        var bridge = ExternalProcess.Start("nats-bridge", "dotnet", [dll, "--urls", BridgeUrl.ToString().TrimEnd('/')], environment, _bridgeDirectory);
        Bridge = bridge;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () =>
            {
                if (bridge.HasExited)
                {
                    throw new InvalidOperationException($"NatsBridge exited with {bridge.ExitCode}: {bridge.ReadLog()}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(BridgeUrl, "readyz"), cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening yet, or too busy starting to answer within the probe's timeout.
                    return false;
                }
            },
            TimeSpan.FromSeconds(60), $"NatsBridge to be ready (log: {bridge.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
    }

    /// <summary>SIGKILLs NatsBridge: whatever it had fetched and not acked is redelivered after the ack wait.</summary>
    public async Task KillBridgeAsync()
    {
        if (Bridge is { } bridge)
        {
            await bridge.KillAsync();
            Bridge = null;
        }
    }

    /// <summary>SIGTERMs NatsBridge and reports whether it exited (with its exit code) within <paramref name="timeout"/>.</summary>
    public async Task<(bool Exited, int? ExitCode)> TerminateBridgeAsync(TimeSpan timeout)
    {
        var bridge = Bridge ?? throw new InvalidOperationException("NatsBridge is not running.");
        var exited = await bridge.TerminateAsync(timeout);
        Bridge = null;
        return (exited, exited ? bridge.ExitCode : null);
    }

    /// <summary>SIGTERMs the OrderFunctions host (and so its worker), then starts it again on the same port.</summary>
    public async Task<bool> RestartOrdersAsync(TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        var port = Orders.Port;
        var exited = await Orders.Process.TerminateAsync(stopTimeout);
        await Orders.DisposeAsync();
        Orders = await StartOrdersAsync(port, cancellationToken);
        return exited;
    }

    /// <summary>SIGTERMs the PaymentFunctions host (and so its worker), then starts it again on the same port.</summary>
    public async Task<bool> RestartPaymentsAsync(TimeSpan stopTimeout, CancellationToken cancellationToken)
    {
        var port = Payments.Port;
        var exited = await Payments.Process.TerminateAsync(stopTimeout);
        await Payments.DisposeAsync();
        Payments = await StartPaymentsAsync(port, cancellationToken);
        return exited;
    }

    /// <summary>The process id of PaymentFunctions' worker, the local host's child process.</summary>
    public int PaymentsWorkerProcessId() => ChildProcesses.Of(Payments.Process.Id).Single();

    public async Task SetProviderFaultsAsync(int latencyMs = 0, double failureRate = 0, bool outage = false, CancellationToken cancellationToken = default)
    {
        using var response = await Simulator.PostAsJsonAsync("admin/faults", new { latencyMs, failureRate, outage }, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every charge the simulator holds.</summary>
    public async Task<IReadOnlyList<ProviderCharge>> ChargesAsync(CancellationToken cancellationToken) =>
        await Simulator.GetFromJsonAsync<List<ProviderCharge>>("v1/charges", cancellationToken) ?? [];

    /// <summary>How many charge requests reached the simulator, answered or not.</summary>
    public async Task<long> ChargeRequestsAsync(CancellationToken cancellationToken) =>
        (await Simulator.GetFromJsonAsync<ProviderStats>("admin/stats", cancellationToken))!.ChargeRequests;

    /// <summary>NatsBridge's counters from <c>/metrics</c>, keyed like <c>bridge_naked_total{route="payments"}</c>.</summary>
    public async Task<IReadOnlyDictionary<string, double>> BridgeMetricsAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var text = await http.GetStringAsync(new Uri(BridgeUrl, "metrics"), cancellationToken);
        return text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public async ValueTask DisposeAsync()
    {
        await KillBridgeAsync();
        if (Orders is not null)
        {
            await Orders.DisposeAsync();
        }

        if (Payments is not null)
        {
            await Payments.DisposeAsync();
        }

        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }

        Simulator.Dispose();
        await Azurite.DisposeAsync();
        await Nats.DisposeAsync();
        FreePortRetry.DeleteDirectory(_bridgeDirectory);
    }

    private async Task StartSimulatorAsync(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(BuildOutput.Of("dev/PaymentProvider"), "FunctionsOrders.PaymentProvider.dll");
        var simulator = ExternalProcess.Start("payment-provider", "dotnet", [dll, "--urls", SimulatorUrl.ToString().TrimEnd('/')]);
        _simulator = simulator;
        await Poll.UntilAsync(
            async () =>
            {
                if (simulator.HasExited)
                {
                    throw new InvalidOperationException($"The simulator exited with {simulator.ExitCode}: {simulator.ReadLog()}");
                }

                try
                {
                    using var response = await Simulator.GetAsync("health", cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // Not listening yet, or too busy starting to answer within the probe's timeout.
                    return false;
                }
            },
            TimeSpan.FromSeconds(30), $"the payment simulator on {SimulatorUrl}", TimeSpan.FromMilliseconds(200), cancellationToken);
    }

    private Task<FunctionsHostProcess> StartOrdersAsync(int? port, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(CommonSettings())
        {
            ["Nats__Publish__Deadline"] = "00:00:03",
            ["Nats__Publish__AttemptTimeout"] = "00:00:01",
        };
        foreach (var (name, value) in _options.Orders)
        {
            settings[name] = value;
        }

        return FunctionsHostProcess.StartAsync("OrderFunctions", settings, HostEnvironment(), cancellationToken, port);
    }

    private Task<FunctionsHostProcess> StartPaymentsAsync(int? port, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(CommonSettings())
        {
            ["Payments__Provider__BaseUrl"] = SimulatorUrl.ToString().TrimEnd('/'),
            ["Payments__Ledger__TableName"] = LedgerTable,
        };
        foreach (var (name, value) in _options.Payments)
        {
            settings[name] = value;
        }

        return FunctionsHostProcess.StartAsync("PaymentFunctions", settings, HostEnvironment(), cancellationToken, port);
    }

    private Dictionary<string, string> CommonSettings() => new()
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Nats__Url"] = Nats.Url,
        ["Nats__ReconnectWaitMin"] = "00:00:00.100",
        ["Nats__ReconnectWaitMax"] = "00:00:00.500",
    };

    private Dictionary<string, string> HostEnvironment() => new() { ["FunctionsHost__FunctionKey"] = _functionKey };
}

/// <summary>One charge as the simulator lists it.</summary>
internal sealed record ProviderCharge(string Id, string OrderId, string CustomerId, decimal Amount, string Currency, string Status, string? Reason);

internal sealed record ProviderStats(long ChargeRequests, long Charges);

/// <summary>Child processes, from <c>/proc</c>.</summary>
internal static class ChildProcesses
{
    public static IReadOnlyList<int> Of(int parent)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while the list was read.
            }
        }

        return children;
    }
}
