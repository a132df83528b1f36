using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using FunctionsOrders.PaymentFunctions.Ledger;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.PaymentFunctions.Tests;

public sealed class LedgerTableClientTests
{
    private const string ClientId = "6f1c1e4e-0b7a-4d8f-9f52-1b0d3c2a7e11";

    [Fact]
    public async Task With_an_endpoint_the_client_calls_it_with_a_bearer_token_of_the_configured_identity()
    {
        using var timeout = TestTimeout.Start();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var credential = new FakeCredential("ledger-token");
        string? requestedClientId = null;
        var options = new PaymentLedgerOptions { Endpoint = "https://ledgeraccount.table.core.windows.net", ClientId = ClientId, TableName = "payments" };

        var client = LedgerTableClient.Create(options, ClientOptions(handler), clientId =>
        {
            requestedClientId = clientId;
            return credential;
        });
        await client.DeleteEntityAsync("000", "order-1", cancellationToken: timeout.Token);

        Assert.Equal(ClientId, requestedClientId);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("ledgeraccount.table.core.windows.net", request.RequestUri!.Host);
        Assert.StartsWith("/payments(", request.RequestUri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal("ledger-token", request.Headers.Authorization?.Parameter);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public async Task With_a_connection_string_the_client_signs_with_the_account_key_and_asks_for_no_token()
    {
        using var timeout = TestTimeout.Start();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var asked = false;
        var options = new PaymentLedgerOptions { Connection = "UseDevelopmentStorage=true", TableName = "payments" };

        var client = LedgerTableClient.Create(options, ClientOptions(handler), _ =>
        {
            asked = true;
            return new FakeCredential("unused");
        });
        await client.DeleteEntityAsync("000", "order-1", cancellationToken: timeout.Token);

        Assert.False(asked);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("127.0.0.1", request.RequestUri!.Host);
        Assert.Equal("SharedKeyLite", request.Headers.Authorization?.Scheme);
    }

    [Fact]
    public void Without_a_client_id_the_credential_is_asked_for_the_default_identity()
    {
        var requested = "not called";
        var options = new PaymentLedgerOptions { Endpoint = "https://ledgeraccount.table.core.windows.net", ClientId = " " };

        _ = LedgerTableClient.Create(options, new TableClientOptions(), clientId =>
        {
            requested = clientId;
            return new FakeCredential("token");
        });

        Assert.Null(requested);
    }

    private static TableClientOptions ClientOptions(HttpMessageHandler handler)
    {
        var options = new TableClientOptions { Transport = new HttpClientTransport(handler) };
        options.Retry.MaxRetries = 0;
        return options;
    }
}
