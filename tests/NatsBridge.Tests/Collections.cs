using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.NatsBridge.Tests;

[CollectionDefinition(Name)]
public sealed class NatsCollection : ICollectionFixture<NatsServerFixture>
{
    public const string Name = "nats";
}
