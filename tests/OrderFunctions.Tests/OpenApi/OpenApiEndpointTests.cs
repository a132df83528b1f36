using System.Net;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary><c>GET /api/openapi.json</c> on the app in <c>Auth:Mode=Jwt</c>.</summary>
[Collection(OpenApiCollection.Name)]
public sealed class OpenApiEndpointTests(OpenApiSystem system)
{
    [Fact]
    public async Task The_document_is_served_anonymously_as_it_is_in_the_repository()
    {
        using var timeout = TestTimeout.Start();

        // No token, no function key: the order routes of the same app answer 401 to this.
        using var response = await system.Client.GetAsync("api/openapi.json", timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync(timeout.Token);
        Assert.Equal(await File.ReadAllBytesAsync(OpenApiFile.RepositoryPath, timeout.Token), served);
        Assert.NotEmpty(OpenApiFile.Load(served).Paths);
    }
}
