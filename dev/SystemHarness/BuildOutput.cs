namespace FunctionsOrders.SystemHarness;

/// <summary>Build outputs of the repository's projects, in the configuration the running assembly was built in.</summary>
public static class BuildOutput
{
    private static readonly string Configuration =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The output folder of the project in <paramref name="projectFolder"/> (relative to the root).</summary>
    public static string Of(string projectFolder) => Path.Combine(RepoPaths.Root, projectFolder, "bin", Configuration, "net10.0");

    /// <summary>The local Functions host's entry assembly.</summary>
    public static string FunctionsHostDll => Path.Combine(Of("dev/FunctionsHost"), "FunctionsOrders.FunctionsHost.dll");
}
