using System.Net;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.FunctionsHost.Tests;

public abstract class KeyTests(SharedHostFixture fixture)
{
    public enum Via
    {
        None,
        Header,
        Query,
    }

    [Theory]
    [InlineData("api/keyed/function", Via.None, null, HttpStatusCode.Unauthorized)]
    [InlineData("api/keyed/function", Via.Header, "wrong", HttpStatusCode.Unauthorized)]
    [InlineData("api/keyed/function", Via.Query, "wrong", HttpStatusCode.Unauthorized)]
    [InlineData("api/keyed/function", Via.Header, SharedHostFixture.FunctionKey, HttpStatusCode.OK)]
    [InlineData("api/keyed/function", Via.Query, SharedHostFixture.FunctionKey, HttpStatusCode.OK)]
    [InlineData("api/keyed/function", Via.Header, SharedHostFixture.MasterKey, HttpStatusCode.OK)]
    [InlineData("api/keyed/admin", Via.None, null, HttpStatusCode.Unauthorized)]
    [InlineData("api/keyed/admin", Via.Header, SharedHostFixture.FunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData("api/keyed/admin", Via.Query, SharedHostFixture.FunctionKey, HttpStatusCode.Unauthorized)]
    [InlineData("api/keyed/admin", Via.Header, SharedHostFixture.MasterKey, HttpStatusCode.OK)]
    [InlineData("api/keyed/admin", Via.Query, SharedHostFixture.MasterKey, HttpStatusCode.OK)]
    [InlineData("api/ping", Via.None, null, HttpStatusCode.OK)]
    public async Task Keys_open_what_their_level_allows(string path, Via via, string? key, HttpStatusCode expected)
    {
        using var cts = TestTimeout.Start(30);
        using var request = new HttpRequestMessage(HttpMethod.Get, via == Via.Query ? $"{path}?code={Uri.EscapeDataString(key!)}" : path);
        if (via == Via.Header)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await fixture.Client.SendAsync(request, cts.Token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Collection(RpcHttpSharedHostCollection.Name)]
    public sealed class RpcHttp(SharedHostFixture.RpcHttp fixture) : KeyTests(fixture);

    [Collection(AspNetCoreSharedHostCollection.Name)]
    public sealed class AspNetCore(SharedHostFixture.AspNetCore fixture) : KeyTests(fixture);
}
