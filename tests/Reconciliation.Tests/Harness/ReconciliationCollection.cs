using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests.Harness;

/// <summary>One nats-server and one Azurite for the collection; each test has its own prefix, ledger table and simulator.</summary>
[CollectionDefinition(Name)]
public sealed class ReconciliationCollection : ICollectionFixture<NatsServerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "reconciliation";
}
