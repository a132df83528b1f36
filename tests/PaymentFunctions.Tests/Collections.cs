using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

/// <summary>Integration tests of payments: one nats-server and one Azurite for the collection.</summary>
[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<NatsServerFixture>, ICollectionFixture<AzuriteFixture>
{
    public const string Name = "payments";
}
