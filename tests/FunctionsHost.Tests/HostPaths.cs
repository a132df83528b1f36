using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>Build outputs of the host and of the apps it runs, in this test assembly's configuration.</summary>
internal static class HostPaths
{
    private static readonly string Configuration =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string HostDll => Path.Combine(Output("dev/FunctionsHost"), "FunctionsOrders.FunctionsHost.dll");

    public static string TestApp => Output("tests/FunctionsHost.TestApp");

    public static string Output(string project) => Path.Combine(RepoPaths.Root, project, "bin", Configuration, "net10.0");
}
