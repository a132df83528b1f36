using System.Globalization;
using System.Security.Cryptography;
using FunctionsOrders.Contracts.Security;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// The whole system as a local run has it — nats-server with the AppHost's auth file (one user per component), the
/// topology applied once by <c>NatsBridge topology apply</c> as the topology user, Azurite, the simulator, both
/// function apps under the local Functions host behind one function key, and NatsBridge, each connecting as its own
/// user — each process on free ports and logging at Debug (nats-server with debug and protocol trace), with secrets
/// generated as the AppHost does.
/// </summary>
internal sealed class LoggedSystem : IAsyncDisposable
{
    /// <summary>Debug for every category, including the framework ones that appsettings files turn down.</summary>
    private static readonly Dictionary<string, string> DebugLogging = new()
    {
        ["Logging__LogLevel__Default"] = "Debug",
        ["Logging__LogLevel__Microsoft"] = "Debug",
        ["Logging__LogLevel__Microsoft.AspNetCore"] = "Debug",
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Debug",
        ["Logging__LogLevel__Grpc"] = "Debug",
    };

    private readonly List<IAsyncDisposable> _started = [];
    private readonly List<string> _logs = [];
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("logged-system-");

    public string FunctionKey { get; } = Generate();

    /// <summary>The NATS users, their passwords and the topology (with this system's prefix).</summary>
    public NatsUsersForTest Nats { get; } = new("s" + Guid.NewGuid().ToString("N")[..10]);

    /// <summary>The nats-server's log.</summary>
    public string NatsLogPath { get; private set; } = "";

    public string StorageAccountKey => Azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];

    /// <summary>The auth file the server runs on: holds the password, so a scan of it must find it.</summary>
    public string NatsAuthFilePath { get; private set; } = "";

    public AzuriteServer Azurite { get; private set; } = null!;

    public FunctionsHostProcess Orders { get; private set; } = null!;

    /// <summary>Every log file of every process started, including those already stopped.</summary>
    public IReadOnlyList<string> LogPaths => _logs;

    public static async Task<LoggedSystem> StartAsync(CancellationToken cancellationToken)
    {
        var system = new LoggedSystem();
        try
        {
            await system.StartAllAsync(cancellationToken);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    private async Task StartAllAsync(CancellationToken cancellationToken)
    {
        NatsAuthFilePath = Nats.WriteAuthFile(_directory.FullName);
        var nats = Started(await NatsServer.StartAsync(["-c", NatsAuthFilePath, "-DV"], cancellationToken));
        NatsLogPath = nats.LogPath!;
        _logs.Add(nats.LogPath!);
        Azurite = Started(await AzuriteServer.StartAsync(cancellationToken));
        _logs.Add(Azurite.LogPath!);

        var prefix = Nats.Prefix;
        await ApplyTopologyAsync(nats.Url, cancellationToken);
        var providerUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var provider = StartProcess("payment-provider", [Dll("dev/PaymentProvider", "PaymentProvider"), "--urls", providerUrl], DebugLogging);
        var orders = FunctionsHostProcess.StartAsync("OrderFunctions", As(NatsUserNames.Orders, nats.Url), HostEnvironment(), cancellationToken);
        var payments = FunctionsHostProcess.StartAsync("PaymentFunctions", new Dictionary<string, string>(As(NatsUserNames.Payments, nats.Url))
        {
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["Payments__Ledger__TableName"] = "payments" + prefix,
            ["Payments__Provider__BaseUrl"] = providerUrl,
        }, HostEnvironment(), cancellationToken);
        try
        {
            await Task.WhenAll(orders, payments);
        }
        finally
        {
            // Whatever started is stopped on dispose, even when the other failed.
            foreach (var host in new[] { orders, payments }.Where(t => t.IsCompletedSuccessfully))
            {
                Started(host.Result);
            }
        }

        Orders = orders.Result;
        var paymentsHost = payments.Result;
        _logs.Add(Orders.Process.LogPath);
        _logs.Add(paymentsHost.Process.LogPath);
        await WaitForAsync(providerUrl + "/health", provider, cancellationToken);

        var bridgeUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var bridge = StartProcess("nats-bridge", [Dll("NatsBridge", "NatsBridge"), "--urls", bridgeUrl],
            BridgeEnvironment(As(NatsUserNames.Bridge, nats.Url), Orders.Client.BaseAddress!, paymentsHost.Client.BaseAddress!));
        await WaitForAsync(bridgeUrl + "/readyz", bridge, cancellationToken);
    }

    /// <summary>Debug logging and the NATS settings of <paramref name="user"/>.</summary>
    private Dictionary<string, string> As(string user, string url)
    {
        var settings = new Dictionary<string, string>(DebugLogging);
        foreach (var (key, value) in Nats.Settings(user, url))
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Runs <c>NatsBridge topology apply</c> as the topology user, as a deployment does, and waits for it to succeed.</summary>
    private async Task ApplyTopologyAsync(string url, CancellationToken cancellationToken)
    {
        var apply = StartProcess("nats-topology", [Dll("NatsBridge", "NatsBridge"), "topology", "apply"], BridgeEnvironment(As(NatsUserNames.Topology, url), new Uri("http://127.0.0.1:1/"), new Uri("http://127.0.0.1:1/")));
        await apply.WaitForExitAsync(cancellationToken);
        if (apply.ExitCode != 0)
        {
            throw new InvalidOperationException($"topology apply exited with {apply.ExitCode}:\n{apply.ReadLog()}");
        }
    }

    private Dictionary<string, string> HostEnvironment() => new(DebugLogging) { ["FunctionsHost__FunctionKey"] = FunctionKey };

    private Dictionary<string, string> BridgeEnvironment(Dictionary<string, string> common, Uri orders, Uri payments)
    {
        var environment = new Dictionary<string, string>(common);
        foreach (var (route, stream, subjects, url) in new[]
        {
            ("payments", "ORDERS", "orders.created.>", new Uri(payments, "api/internal/payments")),
            ("payment-status", "PAYMENTS", "payments.processed.>", new Uri(orders, "api/internal/order-events")),
        })
        {
            var key = $"Bridge__Routes__{route}__";
            environment[key + "Stream"] = stream;
            environment[key + "FilterSubject"] = subjects;
            environment[key + "Url"] = url.ToString();
            environment[key + "FunctionKey"] = FunctionKey;
            environment[key + "FetchExpires"] = "00:00:02";
            environment[key + "NakBackoff"] = "00:00:00.200";
        }

        return environment;
    }

    private ExternalProcess StartProcess(string name, string[] arguments, IDictionary<string, string> environment)
    {
        var process = Started(ExternalProcess.Start(name, "dotnet", arguments, environment, _directory.FullName));
        _logs.Add(process.LogPath);
        return process;
    }

    private T Started<T>(T resource)
        where T : IAsyncDisposable
    {
        _started.Add(resource);
        return resource;
    }

    private static async Task WaitForAsync(string url, ExternalProcess process, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Poll.UntilAsync(
            async () => process.HasExited
                ? throw new InvalidOperationException($"{url}: the process exited with {process.ExitCode}:\n{process.ReadLog()}")
                : await AnswersAsync(http, url, cancellationToken),
            TimeSpan.FromSeconds(60), $"{url} (log: {process.LogPath})", TimeSpan.FromMilliseconds(200), cancellationToken);
    }

    /// <summary>Whether <paramref name="url"/> answers with success; a request that fails or times out (a busy machine, a process still starting) is a "not yet".</summary>
    private static async Task<bool> AnswersAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static string Dll(string projectFolder, string name) =>
        Path.Combine(BuildOutput.Of(projectFolder), string.Create(CultureInfo.InvariantCulture, $"FunctionsOrders.{name}.dll"));

    /// <summary>A secret as the AppHost generates one when none is configured.</summary>
    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>Stops every process (so their logs are complete) in reverse order of start.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }

        _started.Clear();
        FreePortRetry.DeleteDirectory(_directory.FullName);
    }
}
