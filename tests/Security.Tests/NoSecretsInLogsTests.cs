using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// Orders placed, charged and projected through every process of a local run, all logging at Debug: no log holds the
/// function key, the NATS password, the storage account key or anything like a card number.
/// </summary>
[Collection(LoggedSystemCollection.Name)]
public sealed class NoSecretsInLogsTests(ITestOutputHelper output)
{
    private const int OrderCount = 6;

    [Fact]
    public async Task A_run_of_orders_and_payments_logs_no_key_password_account_key_or_card_number()
    {
        using var timeout = TestTimeout.Start(180);
        LogSecretScanner scanner;
        List<string> logs;
        await using (var system = await LoggedSystem.StartAsync(timeout.Token))
        {
            scanner = new LogSecretScanner()
                .AddSecret("function key", system.FunctionKey)
                .AddSecret("storage account key", system.StorageAccountKey);
            foreach (var (user, password) in system.Nats.Passwords)
            {
                scanner.AddSecret($"NATS password of {user}", password);
            }

            Assert.NotEmpty(scanner.ScanFiles([system.NatsAuthFilePath]));

            await PlaceAndFinishOrdersAsync(system.Orders.Client, timeout.Token);
            await CallInternalEndpointAsync(system, timeout.Token);
            logs = [.. system.LogPaths];
        }

        foreach (var log in logs)
        {
            output.WriteLine($"{log}: {new FileInfo(log).Length} bytes");
        }

        Assert.Contains(logs, log => File.ReadLines(log).Any(l => l.Contains("[TRC]", StringComparison.Ordinal)));
        Assert.Contains(logs, log => File.ReadLines(log).Any(l => l.StartsWith("dbug:", StringComparison.Ordinal)));
        var findings = scanner.ScanFiles(logs);
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s) in the logs:\n" + string.Join("\n", findings.Take(50)));
    }

    /// <summary>Places orders (every third declined) and waits until each has its final status.</summary>
    internal static async Task PlaceAndFinishOrdersAsync(HttpClient orders, CancellationToken cancellationToken)
    {
        var expected = new Dictionary<string, string>();
        for (var i = 0; i < OrderCount; i++)
        {
            var customer = i % 3 == 0 ? $"decline-{i}" : $"cust-{i}";
            var json = $$"""{"customerId":"{{customer}}","currency":"EUR","items":[{"sku":"SKU-{{i}}","quantity":{{i + 1}},"unitPrice":12.34}]}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", $"log-scan-{i}");
            using var response = await orders.SendAsync(request, cancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var orderId = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("orderId").GetString()!;
            expected[orderId] = customer.StartsWith("decline-", StringComparison.Ordinal) ? "PaymentFailed" : "Paid";
        }

        using var invalid = await orders.PostAsync("api/orders", new StringContent("{\"customerId\":", Encoding.UTF8, "application/json"), cancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);

        await Poll.UntilAsync(
            async () =>
            {
                foreach (var (orderId, status) in expected)
                {
                    using var response = await orders.GetAsync($"api/orders/{orderId}", cancellationToken);
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    if (body.GetProperty("status").GetString() != status)
                    {
                        return false;
                    }
                }

                return true;
            },
            TimeSpan.FromSeconds(60), "every order to be paid or declined", TimeSpan.FromMilliseconds(250), cancellationToken);
    }

    /// <summary>The internal endpoint with the key as <c>?code=</c> (as callers of Azure Functions often send it), and with a wrong key.</summary>
    private static async Task CallInternalEndpointAsync(LoggedSystem system, CancellationToken cancellationToken)
    {
        using var withCode = new ByteArrayContent([]);
        withCode.Headers.TryAddWithoutValidation("Content-Type", "application/x-protobuf");
        using var accepted = await system.Orders.Client.PostAsync($"api/internal/order-events?code={system.FunctionKey}", withCode, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/internal/order-events") { Content = new ByteArrayContent([]) };
        wrong.Headers.Add("x-functions-key", "wrong-" + system.FunctionKey[..8]);
        using var refused = await system.Orders.Client.SendAsync(wrong, cancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
