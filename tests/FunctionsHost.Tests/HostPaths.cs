using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>Build outputs of the host and of the apps it runs, in this test assembly's configuration.</summary>
internal static class HostPaths
{
    public static string HostDll => BuildOutput.FunctionsHostDll;

    public static string TestApp => Output("tests/FunctionsHost.TestApp");

    public static string AspNetCoreApp => Output("tests/FunctionsHost.AspNetCoreApp");

    public static string Output(string project) => BuildOutput.Of(project);
}
