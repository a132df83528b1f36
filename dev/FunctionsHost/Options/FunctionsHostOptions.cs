namespace FunctionsOrders.FunctionsHost.Options;

/// <summary>Settings of the local host, under <c>FunctionsHost</c> (environment <c>FunctionsHost__Key</c>).</summary>
internal sealed class FunctionsHostOptions
{
    public const string SectionName = "FunctionsHost";

    /// <summary>The function app's build output (<c>--app</c>). Required.</summary>
    public string AppPath { get; set; } = "";

    /// <summary>Port for HTTP clients on 127.0.0.1 (<c>--port</c>). Default 7071.</summary>
    public int Port { get; set; } = 7071;

    /// <summary>Settings file whose <c>Values</c> become the worker's environment (<c>--settings</c>). Default <c>local.settings.json</c> in the app folder.</summary>
    public string? SettingsFile { get; set; }

    /// <summary>Key for <c>Function</c>-level functions. Unset: those functions answer 401.</summary>
    public string? FunctionKey { get; set; }

    /// <summary>Key for every function, and the only key for <c>Admin</c>-level functions.</summary>
    public string? MasterKey { get; set; }

    /// <summary>Largest request body in bytes; larger requests get 413. Default 100 MB, as the real host.</summary>
    public long MaxRequestBodySize { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long in-flight invocations may run after SIGTERM/SIGINT. Default 15 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the worker gets, after WorkerTerminate or after its stream ends, to exit before it is killed. Default 5 s.</summary>
    public TimeSpan WorkerTerminateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the worker gets to connect, initialize and load its functions. Default 60 s.</summary>
    public TimeSpan WorkerStartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First delay before restarting a worker that died; doubles up to <see cref="RestartDelayMax"/>. Default 1 s.</summary>
    public TimeSpan RestartDelayMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between restarts. Default 30 s.</summary>
    public TimeSpan RestartDelayMax { get; set; } = TimeSpan.FromSeconds(30);
}
