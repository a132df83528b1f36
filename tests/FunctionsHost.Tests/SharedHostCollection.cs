[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>The tests that share one host on the RpcHttp build of the test app.</summary>
[CollectionDefinition(Name)]
public sealed class RpcHttpSharedHostCollection : ICollectionFixture<SharedHostFixture.RpcHttp>
{
    public const string Name = "shared host, RpcHttp";
}

/// <summary>The tests that share one host on the ASP.NET Core integration build of the test app.</summary>
[CollectionDefinition(Name)]
public sealed class AspNetCoreSharedHostCollection : ICollectionFixture<SharedHostFixture.AspNetCore>
{
    public const string Name = "shared host, AspNetCore";
}
