using System.Globalization;

namespace FunctionsOrders.SystemHarness;

/// <summary>A real Azurite (blob, queue, table) on free loopback ports with a temporary data folder.</summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's published development-account key: not a secret.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private ExternalProcess? _process;

    private AzuriteServer(bool inMemory)
    {
        InMemory = inMemory;
        DataDirectory = Directory.CreateTempSubdirectory("azurite-test-").FullName;
    }

    /// <summary>
    /// True when Azurite keeps its data in memory only (<c>--inMemoryPersistence</c>): nothing survives a restart, and
    /// there is no periodic save of the whole store to disk (see <see cref="StartAsync"/>).
    /// </summary>
    public bool InMemory { get; }

    /// <summary>Blob service port.</summary>
    public int BlobPort { get; private set; }

    /// <summary>Queue service port.</summary>
    public int QueuePort { get; private set; }

    /// <summary>Table service port.</summary>
    public int TablePort { get; private set; }

    /// <summary>Azurite's data folder.</summary>
    public string DataDirectory { get; }

    /// <summary>Log of the Azurite process.</summary>
    public string? LogPath => _process?.LogPath;

    /// <summary>Azurite's process id while it runs.</summary>
    public int ProcessId => (_process ?? throw new InvalidOperationException("Azurite is not running.")).Id;

    /// <summary>Storage connection string for this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts Azurite and waits until all three services accept connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="inMemory">
    /// Keep the data in memory only. On disk, Azurite writes its whole table store to its data folder every 5 s
    /// while it changes, a pause of its one Node thread that grows with the store: right for tests that restart it,
    /// a stall of the ledger that a benchmark of the system should not measure.
    /// </param>
    public static async Task<AzuriteServer> StartAsync(CancellationToken cancellationToken = default, bool inMemory = false)
    {
        var server = new AzuriteServer(inMemory);
        await FreePortRetry.StartAsync(
            () =>
            {
                server.BlobPort = FreePort.Next();
                server.QueuePort = FreePort.Next();
                server.TablePort = FreePort.Next();
            },
            () => server.StartProcessAsync(cancellationToken));
        return server;
    }

    /// <summary>Kills Azurite (SIGKILL).</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Stops Azurite with SIGTERM, letting it save its data; true if it exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process is null)
        {
            return true;
        }

        var exited = await _process.TerminateAsync(timeout);
        await _process.DisposeAsync();
        _process = null;
        return exited;
    }

    /// <summary>Starts Azurite again on the same ports and data folder; not for one that keeps its data in memory.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => InMemory
        ? throw new InvalidOperationException("Azurite keeps its data in memory: a restart would start it empty.")
        : StartProcessAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        FreePortRetry.DeleteDirectory(DataDirectory);
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        await KillAsync();
        string[] storage = InMemory ? ["--inMemoryPersistence"] : ["--location", DataDirectory];
        string[] arguments =
        [
            RepoPaths.Azurite, "--silent", "--skipApiVersionCheck", "--disableTelemetry", .. storage,
            "--blobHost", "127.0.0.1", "--blobPort", Format(BlobPort),
            "--queueHost", "127.0.0.1", "--queuePort", Format(QueuePort),
            "--tableHost", "127.0.0.1", "--tablePort", Format(TablePort),
        ];
        _process = ExternalProcess.Start("azurite", "node", arguments);
        var process = _process;
        await Poll.UntilAsync(
            async () => process.HasExited
                || (await FreePort.IsListeningAsync(BlobPort, cancellationToken)
                    && await FreePort.IsListeningAsync(QueuePort, cancellationToken)
                    && await FreePort.IsListeningAsync(TablePort, cancellationToken)),
            TimeSpan.FromSeconds(30), $"Azurite on ports {BlobPort}/{QueuePort}/{TablePort} (log: {process.LogPath})", cancellationToken: cancellationToken);
        if (process.HasExited)
        {
            // A port taken since it was probed: the caller tries other ports.
            throw new ServiceExitedException($"Azurite exited with {process.ExitCode}: {process.ReadLog()}");
        }
    }

    private static string Format(int port) => port.ToString(CultureInfo.InvariantCulture);
}
