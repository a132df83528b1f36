namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>
/// One of the two builds of the test app the host's tests run against: the same functions with the RpcHttp model
/// (<c>HttpRequestData</c>), or with ASP.NET Core integration, where the host forwards each request to the worker.
/// </summary>
public sealed class TestApp
{
    private readonly string _assemblyName;

    private TestApp(string mode, string directory, string assemblyName)
    {
        Mode = mode;
        AppDirectory = directory;
        _assemblyName = assemblyName;
    }

    /// <summary>tests/FunctionsHost.TestApp: functions take <c>HttpRequestData</c> and return strings, objects or <c>HttpResponseData</c>.</summary>
    public static TestApp RpcHttp { get; } = new(nameof(RpcHttp), HostPaths.TestApp, "FunctionsOrders.FunctionsHost.TestApp");

    /// <summary>tests/FunctionsHost.AspNetCoreApp: functions take <c>HttpRequest</c> and return action results.</summary>
    public static TestApp AspNetCore { get; } = new(nameof(AspNetCore), HostPaths.AspNetCoreApp, "FunctionsOrders.FunctionsHost.AspNetCoreApp");

    public string Mode { get; }

    /// <summary>The build output the host is started on.</summary>
    public string AppDirectory { get; }

    /// <summary>The log category of a function class of this build: its full type name.</summary>
    public string Category(string functionClass) => $"{_assemblyName}.Functions.{functionClass}";

    public override string ToString() => Mode;
}
