using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>
/// The whole system with an Application Insights connection string whose <c>IngestionEndpoint</c> is a local
/// listener: one order is one operation there, as a user searching Application Insights will look for it.
/// </summary>
public sealed class ApplicationInsightsTests
{
    private static readonly string[] Services = ["order-functions", "nats-bridge", "payment-functions", "payment-provider"];

    [Fact]
    public async Task One_order_arrives_in_Application_Insights_as_one_operation_with_each_service_under_its_role_name()
    {
        using var cts = TestTimeout.Start(seconds: 360);
        await using var ingestion = await AzureMonitorIngestion.StartAsync();
        var storage = Directory.CreateTempSubdirectory("azure-monitor-").FullName;
        try
        {
            await using var system = await SystemUnderTest.StartAsync(new SystemUnderTestOptions
            {
                AllServices =
                {
                    ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = ingestion.ConnectionString,
                    ["Telemetry__AzureMonitor__StorageDirectory"] = storage,
                },
            }, cts.Token);
            await OneOrderIsOneOperationAsync(system, ingestion, storage, cts.Token);
        }
        finally
        {
            FreePortRetry.DeleteDirectory(storage);
        }
    }

    private static async Task OneOrderIsOneOperationAsync(SystemUnderTest system, AzureMonitorIngestion ingestion, string storage, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(system.OrderApi, "api/orders"))
        {
            Content = JsonContent.Create(new { customerId = "cust-insights", currency = "EUR", items = new[] { new { sku = "SKU-AI", quantity = 1, unitPrice = 9.99m } } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        using var http = new HttpClient();
        using var accepted = await http.SendAsync(request, cts.Token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var orderId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync(cts.Token)).RootElement.GetProperty("orderId").GetString()!;

        // Every service's part of the order: its requests and dependencies (spans) under the order's operation. The
        // deadline outlasts the exporter's retry: a post that fails is kept on disk and sent again two minutes later.
        IReadOnlyList<TelemetryItem> operation = [];
        try
        {
            await Poll.UntilAsync(() =>
            {
                operation = [.. ingestion.Items.Where(i => i.OperationId == traceId)];
                return Services.All(service => operation.Any(i => i.RoleName == service && i.Type is "Request" or "RemoteDependency"))
                    && operation.Any(i => i.Name == $"process payments.processed.{orderId}");
            }, TimeSpan.FromSeconds(200), $"the order's items from {string.Join(", ", Services)}", TimeSpan.FromMilliseconds(500), cts.Token);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} {Describe(ingestion, traceId, storage)}", ex);
        }

        // Nothing of this order went to another operation, and nothing came from a service not named.
        var ofOrder = ingestion.Items.Where(i => i.Name is { } name && name.Contains(orderId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(ofOrder);
        Assert.All(ofOrder, i => Assert.Equal(traceId, i.OperationId));
        Assert.All(operation, i => Assert.Contains(i.RoleName, Services));
        Assert.Contains(operation, i => i.RoleName == "order-functions" && i.Name == "order intake");
        Assert.Contains(operation, i => i.RoleName == "payment-functions" && i.Name == $"process orders.created.{orderId}");
        Assert.Contains(operation, i => i.RoleName == "nats-bridge" && i.Name == "process payments");
    }

    /// <summary>What arrived, by service, and what waits in the exporters' storage: what a timeout needs to be understood.</summary>
    private static string Describe(AzureMonitorIngestion ingestion, string traceId, string storage)
    {
        var items = ingestion.Items;
        var byRole = items
            .GroupBy(i => i.RoleName ?? "(none)")
            .Select(g => $"{g.Key}: {g.Count()} items, {g.Count(i => i.OperationId == traceId)} of the order ({string.Join(", ", g.Where(i => i.OperationId == traceId).Select(i => $"{i.Type} '{i.Name}'"))})");
        var waiting = Directory.Exists(storage) ? Directory.GetFiles(storage, "*", SearchOption.AllDirectories).Length : 0;
        return $"Received {ingestion.Posts} posts; {string.Join("; ", byRole)}. Rejected posts: {ingestion.Rejected.Count} {string.Join(" | ", ingestion.Rejected)}. "
            + $"Files waiting in the exporters' storage: {waiting}.";
    }
}
