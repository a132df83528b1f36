using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.Micro.WorkerHttp;
using FunctionsOrders.NatsBridge.Dispatch;
using FunctionsOrders.NatsBridge.Routing;
using Google.Protobuf;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.Micro.Bridge;

/// <summary>
/// One batch of the payments route on both sides of the HTTP call: the bridge builds the <c>DispatchBatch</c> from
/// the fetched messages and encodes it; the function's dispatch endpoint reads and parses it, and writes its
/// <c>DispatchResponse</c>; the bridge decodes that response.
/// </summary>
[MemoryDiagnoser]
public class DispatchBatchBenchmarks
{
    private NatsConnection _connection = null!;
    private BridgeRoute _route = null!;
    private List<INatsJSMsg<byte[]>> _fetched = null!;
    private Activity[] _spans = null!;
    private DispatchBatch _batch = null!;
    private byte[] _responseBody = null!;
    private InMemoryHttpRequestData _functionRequest = null!;

    [Params(1, 32, 128)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _connection = new NatsConnection();
        var options = new BridgeRouteOptions { Stream = "ORDERS", FilterSubject = "orders.created.>", Url = "http://127.0.0.1:7072/api/internal/payments" };
        _route = BridgeRoute.Resolve("payments", options, new JetStreamTopology(new TopologyOptions()));
        _fetched = OrderCreatedMessages.Fetch(Messages, _connection, new NatsJSContext(_connection));
        _spans = OrderCreatedMessages.MessageSpans(_fetched);
        _batch = BatchBuilder.Build(_route, _fetched, _spans);
        _responseBody = BatchOutcomes.AckAll(_batch).ToByteArray();

        var body = _batch.ToByteArray();
        _functionRequest = new InMemoryHttpRequestData(new InMemoryFunctionContext(), "POST", new Uri(options.Url), body,
            ("Content-Type", MessageHeaders.ProtobufContentType), ("Accept", MessageHeaders.ProtobufContentType),
            ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)), ("x-functions-key", "function-key-of-this-run"));
        if (ReadBatchAndAnswer() != _responseBody.Length || DecodeResponse() != Messages)
        {
            throw new InvalidOperationException("The dispatch endpoint did not answer one outcome per message.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _connection.DisposeAsync();

    /// <summary><c>BatchBuilder.Build</c>: fetched JetStream messages to a <c>DispatchBatch</c>, trace context swapped per message.</summary>
    [Benchmark]
    public DispatchBatch BuildBatch() => BatchBuilder.Build(_route, _fetched, _spans);

    /// <summary>The request body <c>BatchDispatcher</c> posts.</summary>
    [Benchmark]
    public byte[] EncodeBatch() => _batch.ToByteArray();

    /// <summary>
    /// <c>DispatchEndpoint.RunAsync</c> in the function: body read within the limit, batch parsed, one ACK per message
    /// encoded into the response. Returns the response body's size.
    /// </summary>
    [Benchmark]
    public long ReadBatchAndAnswer()
    {
        _functionRequest.Rewind();
        var response = Completed.Result(DispatchEndpoint.RunAsync(_functionRequest, BatchOutcomes.AckAllAsync, null, CancellationToken.None));
        return response.Body.Length;
    }

    /// <summary>What <c>BatchDispatcher</c> does with the function's answer.</summary>
    [Benchmark]
    public int DecodeResponse() => DispatchResponse.Parser.ParseFrom(_responseBody).Outcomes.Count;
}
