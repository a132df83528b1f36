namespace FunctionsOrders.AppHost;

/// <summary>Where the repository's tools, build outputs and run data are.</summary>
internal sealed record RepoLayout(string Root, string Configuration)
{
    /// <summary>
    /// Where nats-server and Azurite keep their data: <c>.run/apphost</c>, or <c>FUNCTIONSORDERS_RUN_DIR</c> when set
    /// (the end-to-end tests start from an empty one).
    /// </summary>
    public string RunDirectory => Tool("FUNCTIONSORDERS_RUN_DIR", Path.Combine(Root, ".run", "apphost"));

    public string NatsServer => Tool("NATS_SERVER_BIN", Path.Combine(Root, ".tools", "bin", "nats-server"));

    public string Azurite => Tool("AZURITE_BIN", Path.Combine(Root, "node_modules", "azurite", "dist", "src", "azurite.js"));

    /// <summary>The build output of a project (same configuration as this AppHost), e.g. <c>PaymentFunctions/bin/Release/net10.0</c>.</summary>
    public string Output(IProjectMetadata project) =>
        Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", Configuration, "net10.0");

    public static RepoLayout Locate()
    {
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(new Projects.NatsBridge().ProjectPath)!, ".."));
#if DEBUG
        return new RepoLayout(root, "Debug");
#else
        return new RepoLayout(root, "Release");
#endif
    }

    private static string Tool(string variable, string fallback) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path ? path : fallback;
}
