namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>The contract tests share one <see cref="OpenApiSystem"/> and run one after another (one of them freezes NATS).</summary>
[CollectionDefinition(Name)]
public sealed class OpenApiCollection : ICollectionFixture<OpenApiSystem>
{
    public const string Name = "openapi-contract";
}
