namespace FunctionsOrders.SystemHarness;

/// <summary>Where the repository and its locally installed tools are.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding FunctionsOrders.sln.</summary>
    public static string Root => LazyRoot.Value;

    private static readonly Lazy<string> LazyNatsServer = new(() =>
    {
        var path = Tool("NATS_SERVER_BIN", Path.Combine(Root, ".tools", "bin", "nats-server"), "nats-server");
        FunctionsOrders.AppHost.NatsServerVersion.Require(path);
        return path;
    });

    /// <summary>
    /// The nats-server binary: <c>NATS_SERVER_BIN</c>, else <c>.tools/bin/nats-server</c>; refused when older than the
    /// minimum supported version (2.10.27).
    /// </summary>
    public static string NatsServer => LazyNatsServer.Value;

    /// <summary>Azurite's entry script, run with node: <c>AZURITE_BIN</c>, else the one under node_modules.</summary>
    public static string Azurite => Tool("AZURITE_BIN", Path.Combine(Root, "node_modules", "azurite", "dist", "src", "azurite.js"), "azurite");

    /// <summary>Folder for logs of processes started by tests and the benchmark; kept after the run for diagnosis.</summary>
    public static string LogDirectory
    {
        get
        {
            var dir = Path.Combine(Root, ".run", "test-logs");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string Tool(string variable, string defaultPath, string name)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        path = string.IsNullOrEmpty(path) ? defaultPath : path;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{name} not found at {path}. Run eng/prereqs.sh (or set {variable}).");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FunctionsOrders.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FunctionsOrders.sln not found above " + AppContext.BaseDirectory);
    }
}
