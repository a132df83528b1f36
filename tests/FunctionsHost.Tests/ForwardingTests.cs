using System.Net;
using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

/// <summary>What only ASP.NET Core integration has: the request forwarded to the worker's own server.</summary>
[Collection(AspNetCoreSharedHostCollection.Name)]
public sealed class ForwardingTests(SharedHostFixture.AspNetCore fixture)
{
    [Fact]
    public async Task The_host_says_it_forwards_requests_to_the_worker()
    {
        using var cts = TestTimeout.Start(30);

        await fixture.Host.WaitForLogAsync("runs ASP.NET Core integration: HTTP requests are forwarded to it at http://", cts.Token);
    }

    [Fact]
    public async Task A_client_that_sends_its_own_invocation_id_cannot_pair_requests_with_it()
    {
        // The worker pairs a forwarded request with its invocation by x-ms-invocation-id. Sent by a client and
        // passed on, it would pair nothing (the worker waits seconds, then fails the invocation), or pair two
        // requests that send the same value with one invocation.
        using var cts = TestTimeout.Start(30);
        var calls = Enumerable.Range(0, 4).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/items/{i}");
            request.Headers.Add("x-ms-invocation-id", "2f1c7a4e-0000-4000-8000-000000000000");
            using var response = await fixture.Client.SendAsync(request, cts.Token);
            return (i, response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
        });

        foreach (var (i, status, body) in await Task.WhenAll(calls))
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"\"id\":{i}", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")]
    [InlineData(null)]
    public async Task The_forwarded_request_carries_the_invocations_trace_context(string? incoming)
    {
        using var cts = TestTimeout.Start(30);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/trace");
        if (incoming is not null)
        {
            request.Headers.Add("traceparent", incoming);
        }

        using var response = await fixture.Client.SendAsync(request, cts.Token);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));

        var invocation = json.RootElement.GetProperty("traceParent").GetString();
        Assert.Equal(invocation, json.RootElement.GetProperty("forwardedTraceParent").GetString());
        if (incoming is not null)
        {
            Assert.Equal(incoming, invocation);
        }
    }
}
