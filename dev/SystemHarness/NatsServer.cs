namespace FunctionsOrders.SystemHarness;

/// <summary>
/// A real nats-server with JetStream on free loopback ports and a temporary store. It can be killed and started
/// again on the same ports and store, as a crashed and restarted server would be.
/// </summary>
public sealed class NatsServer : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _extraArguments;
    private ExternalProcess? _process;

    private NatsServer(IReadOnlyList<string> extraArguments)
    {
        _extraArguments = extraArguments;
        StoreDirectory = Directory.CreateTempSubdirectory("nats-test-").FullName;
    }

    /// <summary>Client port.</summary>
    public int Port { get; private set; }

    /// <summary>HTTP monitoring port.</summary>
    public int MonitorPort { get; private set; }

    /// <summary>Client URL.</summary>
    public string Url => $"nats://127.0.0.1:{Port}";

    /// <summary>JetStream store.</summary>
    public string StoreDirectory { get; }

    private ExternalProcess Process => _process ?? throw new InvalidOperationException("nats-server is not running.");

    /// <summary>The server's process id while it runs.</summary>
    public int ProcessId => Process.Id;

    /// <summary>Log of the current (or last) server process.</summary>
    public string? LogPath => _process?.LogPath;

    /// <summary>Starts a server and waits until JetStream answers its health check.</summary>
    public static async Task<NatsServer> StartAsync(IReadOnlyList<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        var server = new NatsServer(extraArguments ?? []);
        await FreePortRetry.StartAsync(
            () =>
            {
                server.Port = FreePort.Next();
                server.MonitorPort = FreePort.Next();
            },
            () => server.StartProcessAsync(cancellationToken));
        return server;
    }

    /// <summary>Kills the server (SIGKILL): what it had not synced is lost, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open, nothing is answered.</summary>
    public void Pause() => Process.Pause();

    /// <summary>Lets a paused server run again.</summary>
    public void Resume() => Process.Resume();

    /// <summary>Starts the server again on the same ports and store.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartProcessAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        FreePortRetry.DeleteDirectory(StoreDirectory);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        string[] arguments =
        [
            "-js", "-a", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-m", MonitorPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-sd", StoreDirectory, "-n", $"test-{Port}", .. _extraArguments,
        ];
        _process = ExternalProcess.Start("nats-server", RepoPaths.NatsServer, arguments, NatsServerEnvironment.Variables());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = $"http://127.0.0.1:{MonitorPort}/healthz?js-enabled-only=true";
        var process = _process;
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"nats-server exited with {process.ExitCode}: {process.ReadLog()}");
                }

                using var response = await http.GetAsync(health, cancellationToken);
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(20), $"nats-server on port {Port} (log: {process.LogPath})", cancellationToken: cancellationToken);
    }
}
