using System.Net;
using System.Text.Json;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class ResponseMappingTests(SharedHostFixture fixture)
{
    [Fact]
    public async Task Status_code_headers_and_cookies_of_the_function_reach_the_client()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.GetAsync("api/headers", cts.Token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["one"], response.Headers.GetValues("X-Single"));
        Assert.Equal("first,second", string.Join(',', response.Headers.GetValues("X-Multi")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("flavour=oat", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/api", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_returned_string_is_a_200_with_that_text()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.GetAsync("api/slow/1", cts.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("done", await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Fact]
    public async Task A_returned_object_is_a_200_with_its_json()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.GetAsync("api/items/5/x", cts.Token);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cts.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, json.RootElement.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task An_http_result_property_of_a_returned_object_is_the_response()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.PostAsync("api/accepted", null, cts.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/items/1", response.Headers.Location?.OriginalString);
        Assert.Equal("queued", await response.Content.ReadAsStringAsync(cts.Token));
    }

    [Fact]
    public async Task A_function_exception_is_a_500_without_detail()
    {
        using var cts = TestTimeout.Start(30);
        using var response = await fixture.Client.GetAsync("api/throw", cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(body);
        Assert.DoesNotContain("secret-detail", string.Join(' ', response.Headers.SelectMany(h => h.Value)), StringComparison.Ordinal);
    }

    [Collection(RpcHttpSharedHostCollection.Name)]
    public sealed class RpcHttp(SharedHostFixture.RpcHttp fixture) : ResponseMappingTests(fixture);

    [Collection(AspNetCoreSharedHostCollection.Name)]
    public sealed class AspNetCore(SharedHostFixture.AspNetCore fixture) : ResponseMappingTests(fixture);
}
