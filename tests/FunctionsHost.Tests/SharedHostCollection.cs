[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace FunctionsOrders.FunctionsHost.Tests;

[CollectionDefinition(Name)]
public sealed class SharedHostCollection : ICollectionFixture<SharedHostFixture>
{
    public const string Name = "shared host";
}
