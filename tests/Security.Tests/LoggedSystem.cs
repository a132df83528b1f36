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

    private readonly SystemUnderTest _system;
    private readonly string _directory;

    private LoggedSystem(SystemUnderTest system, NatsUsersForTest nats, string directory, string natsAuthFilePath)
    {
        _system = system;
        Nats = nats;
        _directory = directory;
        NatsAuthFilePath = natsAuthFilePath;
    }

    public string FunctionKey => _system.FunctionKey;

    /// <summary>The NATS users, their passwords and the topology (with this system's prefix).</summary>
    public NatsUsersForTest Nats { get; }

    /// <summary>The nats-server's log.</summary>
    public string NatsLogPath => _system.Nats.LogPath!;

    public string StorageAccountKey => Azurite.ConnectionString.Split(';').Single(p => p.StartsWith("AccountKey=", StringComparison.Ordinal))["AccountKey=".Length..];

    /// <summary>The auth file the server runs on: holds the password, so a scan of it must find it.</summary>
    public string NatsAuthFilePath { get; }

    public AzuriteServer Azurite => _system.Azurite;

    public FunctionsHostProcess Orders => _system.Orders;

    /// <summary>Every log file of every process started, including those already stopped.</summary>
    public IReadOnlyList<string> LogPaths => _system.LogPaths;

    public static async Task<LoggedSystem> StartAsync(CancellationToken cancellationToken)
    {
        var nats = new NatsUsersForTest("s" + Guid.NewGuid().ToString("N")[..10]);
        var directory = Directory.CreateTempSubdirectory("logged-system-").FullName;
        try
        {
            var authFile = nats.WriteAuthFile(directory);
            var system = await SystemUnderTest.StartAsync(
                new SystemUnderTestOptions
                {
                    NatsServerArguments = ["-c", authFile, "-DV"],
                    NatsPasswords = nats.Passwords,
                    TopologyPrefix = nats.Prefix,
                    AllServices = new Dictionary<string, string>(DebugLogging),
                    Routes = { ["FetchExpires"] = "00:00:02", ["NakBackoff"] = "00:00:00.200" },
                },
                cancellationToken);
            return new LoggedSystem(system, nats, directory, authFile);
        }
        catch
        {
            FreePortRetry.DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>Stops every process (so their logs are complete), services first.</summary>
    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        FreePortRetry.DeleteDirectory(_directory);
    }
}
