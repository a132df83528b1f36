using System.Net;
using Azure.Data.Tables;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.OrderFunctions.Tests.Fuzz;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using NATS.Client.JetStream;

namespace FunctionsOrders.PaymentFunctions.Tests.Hosted;

/// <summary>Requests to the hosted payments endpoint, and what the app has done so far.</summary>
internal static class PaymentsApi
{
    public const string Path = "api/internal/payments";

    /// <summary>A batch POST, with the key as header, as <c>?code=</c>, or not at all (null).</summary>
    public static HttpRequestMessage Request(HttpContent content, string? key, bool inQuery = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, inQuery ? $"{Path}?code={Uri.EscapeDataString(key ?? "")}" : Path) { Content = content };
        if (key is not null && !inQuery)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return request;
    }

    /// <summary>A batch of one valid order, the way the bridge sends it.</summary>
    public static ByteArrayContent ValidBatch(string orderId)
    {
        var order = Batches.Order();
        order.OrderId = orderId;
        var batch = new DispatchBatch { Route = "payments", Messages = { DispatchFuzz.Message(1, EventTypes.OrderCreated, order.ToByteString()) } };
        var content = new ByteArrayContent(batch.ToByteArray());
        content.Headers.TryAddWithoutValidation("Content-Type", MessageHeaders.ProtobufContentType);
        return content;
    }

    public static async Task<IList<MessageOutcome>> OutcomesAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return DispatchResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync(cancellationToken)).Outcomes;
    }

    /// <summary>Charge requests at the simulator, messages in PAYMENTS and rows in the ledger.</summary>
    public static async Task<(long ChargeRequests, ulong Published, int LedgerRows)> EffectsAsync(PaymentsApiFixture api, CancellationToken cancellationToken)
    {
        var services = api.Services.Services;
        var stream = await services.GetRequiredService<INatsJSContext>().GetStreamAsync(api.Services.Topology.PaymentsStream, cancellationToken: cancellationToken);
        var rows = 0;
        await foreach (var _ in services.GetRequiredService<TableClient>().QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            rows++;
        }

        return (await api.Provider.ChargeRequestsAsync(cancellationToken), (ulong)stream.Info.State.Messages, rows);
    }
}
