using Azure.Data.Tables;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.ServiceDefaults.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteFixtureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Fixture_serves_table_storage_with_insert_if_absent_semantics()
    {
        using var timeout = TestTimeout.Start();
        var table = new TableClient(azurite.Server.ConnectionString, "t" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(timeout.Token);

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "Succeeded" }, timeout.Token);
        var conflict = await Assert.ThrowsAsync<Azure.RequestFailedException>(
            () => table.AddEntityAsync(new TableEntity("p", "r") { ["Status"] = "Failed" }, timeout.Token));
        var stored = await table.GetEntityAsync<TableEntity>("p", "r", cancellationToken: timeout.Token);

        Assert.Equal(409, conflict.Status);
        Assert.Equal("Succeeded", stored.Value.GetString("Status"));
    }
}
