using System.Net;
using BenchmarkDotNet.Attributes;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.FunctionsHost.Http;
using FunctionsOrders.FunctionsHost.Rpc;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.Micro.Bridge;
using FunctionsOrders.Micro.Intake;
using FunctionsOrders.Micro.WorkerHttp;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Routing;
using FunctionsOrders.OrderFunctions.Http;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Status;
using Google.Protobuf;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.Micro.HostHttp;

/// <summary>
/// What the local Functions host adds to every request besides the gRPC round trip: the ASP.NET Core request mapped
/// to an <c>InvocationRequest</c>, and the worker's <c>InvocationResponse</c> written back as the HTTP response. For
/// an order (1-line JSON in, 202 JSON out) and for a 32-message batch of the payments route.
/// </summary>
[MemoryDiagnoser]
public class HostTranslationBenchmarks
{
    private const int BatchSize = 32;

    private readonly string _invocationId = Guid.NewGuid().ToString();
    private readonly MemoryStream _responseBody = new();
    private byte[] _orderBody = null!;
    private byte[] _batchBody = null!;
    private HttpContext _orderRequest = null!;
    private HttpContext _batchRequest = null!;
    private HttpContext _response = null!;
    private InvocationResponse _orderReply = null!;
    private InvocationResponse _batchReply = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _orderBody = OrderSamples.Json(1);
        _batchBody = await BatchBodyAsync();
        _orderRequest = HostRequests.Order(_orderBody);
        _batchRequest = HostRequests.DispatchBatch(_batchBody);

        // What the two functions answer, through their own response code.
        var context = new InMemoryFunctionContext();
        var placed = new InMemoryHttpRequestData(context, "POST", new Uri("http://127.0.0.1:7071/api/orders"), _orderBody);
        const string orderId = "0b6f3f4e-5c2d-5d8a-9e41-7a2b3c4d5e6f";
        var accepted = await JsonBody.WriteAsync(placed, HttpStatusCode.Accepted,
            new AcceptedOrder(orderId, nameof(OrderStatus.Pending), new MoneyView("EUR", 39.98m)), CancellationToken.None);
        accepted.Headers.Add("Location", $"/api/orders/{orderId}");
        _orderReply = WorkerReplies.From(accepted);
        var dispatched = new InMemoryHttpRequestData(context, "POST", new Uri("http://127.0.0.1:7072/api/internal/payments"), _batchBody);
        _batchReply = WorkerReplies.From(await DispatchEndpoint.RunAsync(dispatched, BatchOutcomes.AckAllAsync, null, CancellationToken.None));

        _response = new DefaultHttpContext();
        _response.Response.Body = _responseBody;
        if (!await WriteOrderResponse() || _response.Response.StatusCode != 202 || ((InvocationRequest)MapOrderRequest()).TriggerMetadata.Count == 0)
        {
            throw new InvalidOperationException("The host did not translate the sample order as expected.");
        }
    }

    /// <summary>The order request as the worker receives it: headers, body, trace context, JSON properties for binding.</summary>
    [Benchmark]
    public object MapOrderRequest() =>
        HttpInvocationMapper.ToInvocation(_orderRequest, HostRequests.PlaceOrder, _orderBody, _invocationId);

    [Benchmark]
    public object MapBatchRequest() =>
        HttpInvocationMapper.ToInvocation(_batchRequest, HostRequests.ProcessPayments, _batchBody, _invocationId);

    /// <summary>The worker's 202 with its JSON body, onto a fresh response.</summary>
    [Benchmark]
    public Task<bool> WriteOrderResponse()
    {
        Reset();
        return InvocationResponseWriter.WriteAsync(_response.Response, _orderReply, CancellationToken.None);
    }

    [Benchmark]
    public Task<bool> WriteBatchResponse()
    {
        Reset();
        return InvocationResponseWriter.WriteAsync(_response.Response, _batchReply, CancellationToken.None);
    }

    // A new request's response has no headers, status 200 and an empty body; clearing one costs no allocation.
    private void Reset()
    {
        _response.Response.Headers.Clear();
        _response.Response.StatusCode = StatusCodes.Status200OK;
        _responseBody.SetLength(0);
    }

    private static async Task<byte[]> BatchBodyAsync()
    {
        await using var connection = new NatsConnection();
        var fetched = OrderCreatedMessages.Fetch(BatchSize, connection, new NatsJSContext(connection));
        var route = BridgeRoute.Resolve("payments", new BridgeRouteOptions { Stream = "ORDERS", FilterSubject = "orders.created.>" },
            new JetStreamTopology(new TopologyOptions()));
        return BatchBuilder.Build(route, fetched, OrderCreatedMessages.MessageSpans(fetched)).ToByteArray();
    }
}
