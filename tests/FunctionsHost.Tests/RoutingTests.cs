using System.Net;
using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class RoutingTests(SharedHostFixture fixture)
{
    [Fact]
    public async Task Route_values_bind_to_function_parameters()
    {
        using var cts = TestTimeout.Start(30);
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/items/42/widget", cts.Token));

        Assert.Equal(42, json.RootElement.GetProperty("id").GetInt32());
        Assert.Equal("widget", json.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_optional_route_segment_may_be_left_out()
    {
        using var cts = TestTimeout.Start(30);
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/items/7", cts.Token));

        Assert.Equal(7, json.RootElement.GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("name").ValueKind);
    }

    [Fact]
    public async Task Every_declared_method_is_routed()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.PutAsync("api/items/1", null, cts.Token);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PUT", json.RootElement.GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("api/items/not-a-number")]
    [InlineData("api/nothing-here")]
    [InlineData("items/1")]
    [InlineData("AzureFunctionsRpcMessages.FunctionRpc/EventStream")]
    public async Task Unknown_routes_and_failed_constraints_answer_404(string path)
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.GetAsync(path, cts.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_known_route_with_another_method_answers_405()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.DeleteAsync("api/items/1", cts.Token);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Query_parameters_reach_the_url_and_bind_by_name()
    {
        using var cts = TestTimeout.Start(30);
        using var json = JsonDocument.Parse(await fixture.Client.GetStringAsync("api/query?q=hello%20world&tag=a&tag=b", cts.Token));

        Assert.Equal("hello world", json.RootElement.GetProperty("bound").GetString());
        Assert.Equal("hello world", json.RootElement.GetProperty("fromUrl").GetString());
        Assert.Equal(["a", "b"], json.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_start_lists_each_function_with_methods_and_url()
    {
        using var cts = TestTimeout.Start(30);
        var port = fixture.Host.Port;

        await fixture.Host.WaitForLogAsync($"Items: [GET,PUT] http://localhost:{port}/api/items/{{id:int}}/{{name?}}", cts.Token);
        await fixture.Host.WaitForLogAsync($"KeyedAdmin: [GET] http://localhost:{port}/api/keyed/admin", cts.Token);
    }

    [Collection(RpcHttpSharedHostCollection.Name)]
    public sealed class RpcHttp(SharedHostFixture.RpcHttp fixture) : RoutingTests(fixture);

    [Collection(AspNetCoreSharedHostCollection.Name)]
    public sealed class AspNetCore(SharedHostFixture.AspNetCore fixture) : RoutingTests(fixture);
}
