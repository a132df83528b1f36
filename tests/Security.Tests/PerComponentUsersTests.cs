using System.Net;
using System.Text;
using FunctionsOrders.Contracts.Security;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// The whole system, each component connected as its own NATS user after the topology was applied as the topology
/// user, takes orders to their final status, answers a repeated POST from ORDERS, and the server refuses nothing.
/// </summary>
[Collection(LoggedSystemCollection.Name)]
public sealed class PerComponentUsersTests
{
    [Fact]
    public async Task Every_component_does_its_job_with_its_own_user_and_nothing_is_refused()
    {
        using var timeout = TestTimeout.Start(180);
        string natsLog;
        await using (var system = await LoggedSystem.StartAsync(timeout.Token))
        {
            await NoSecretsInLogsTests.PlaceAndFinishOrdersAsync(system.Orders.Client, timeout.Token);

            // A repeated POST is answered from the order stored in ORDERS.
            const string json = """{"customerId":"cust-again","currency":"EUR","items":[{"sku":"SKU-1","quantity":1,"unitPrice":1.00}]}""";
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", "per-component-users");
                using var response = await system.Orders.Client.SendAsync(request, timeout.Token);
                Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"POST {i + 1}: {response.StatusCode}");
            }

            natsLog = system.NatsLogPath;
        }

        var violations = File.ReadLines(natsLog).Where(l => l.Contains("Violation", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(violations.Count == 0, $"the server refused {violations.Count} operation(s):\n" + string.Join("\n", violations.Take(20)));
        foreach (var user in new[] { NatsUserNames.Topology, NatsUserNames.Orders, NatsUserNames.Payments, NatsUserNames.Bridge })
        {
            Assert.Contains(File.ReadLines(natsLog), l => l.Contains($"\"user\":\"{user}\"", StringComparison.Ordinal));
        }
    }
}
