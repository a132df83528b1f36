using System.Globalization;
using BenchmarkDotNet.Attributes;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.FunctionsHttp;
using FunctionsOrders.Micro.WorkerHttp;
using FunctionsOrders.OrderFunctions.Intake;
using FunctionsOrders.OrderFunctions.Nats;
using FunctionsOrders.OrderFunctions.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.Micro.Intake;

/// <summary>
/// <c>POST /api/orders</c> up to the publish: the body read from the request, parsed, validated, turned into
/// <c>OrderCreated</c> by <see cref="PlaceOrderHandler"/> and encoded as protobuf for NATS. Each stage alone, then
/// the whole path from body bytes to encoded event.
/// </summary>
[MemoryDiagnoser]
public class OrderIntakeBenchmarks
{
    private readonly IntakeOptions _options = new();
    private readonly EncodingPublisher _publisher = new();
    private NatsConnection _connection = null!;
    private IntakeMetrics _metrics = null!;
    private PlaceOrderHandler _handler = null!;
    private InMemoryHttpRequestData _httpRequest = null!;
    private string _contentType = null!;
    private byte[] _body = null!;
    private OrderRequest _request = null!;
    private PlaceOrderCommand _command = null!;

    [Params(1, 10)]
    public int Lines { get; set; }

    [Params(BodyFormat.Json, BodyFormat.Protobuf)]
    public BodyFormat Format { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var topology = new JetStreamTopology(new TopologyOptions());

        // Never connects: the lookup behind it is only asked for duplicates, and every order here is new.
        _connection = new NatsConnection();
        _metrics = new IntakeMetrics(_publisher);
        _handler = new PlaceOrderHandler(_publisher, topology, new OrderLookup(new NatsJSContext(_connection), topology),
            new OrderIds(Options.Create(_options)), new NatsReads(_connection, Options.Create(_options), TimeProvider.System, NullLogger<NatsReads>.Instance),
            Options.Create(_options), _metrics, TimeProvider.System);

        _contentType = OrderSamples.ContentType(Format);
        _body = OrderSamples.Body(Format, Lines);
        _httpRequest = new InMemoryHttpRequestData(new InMemoryFunctionContext(), "POST", new Uri("http://127.0.0.1:7071/api/orders"), _body,
            ("Content-Type", _contentType), ("Content-Length", _body.Length.ToString(CultureInfo.InvariantCulture)),
            ("Idempotency-Key", OrderSamples.IdempotencyKey));
        var errors = new ValidationErrors();
        _request = OrderRequestReader.Read(_contentType, _body, errors) ?? throw Rejected(errors);
        _command = OrderValidator.Validate(_request, OrderSamples.IdempotencyKey, errors) ?? throw Rejected(errors);
        _ = Intake();
        var created = OrderCreated.Parser.ParseFrom(_publisher.Last);
        if (created.Items.Count != Lines || !MoneyMath.TryFromMoney(created.Total, 2, out var total) || total != OrderSamples.TotalCents(Lines))
        {
            throw new InvalidOperationException("The sample order did not go through intake as expected.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _metrics.Dispose();
        await _connection.DisposeAsync();
    }

    /// <summary>What <c>PlaceOrder</c> does first: the body out of the worker's request, within the size limit.</summary>
    [Benchmark]
    public int ReadHttpBody()
    {
        _httpRequest.Rewind();
        return Completed.Result(BodyReader.ReadAsync(_httpRequest, _options.MaxBodyBytes, CancellationToken.None))!.Length;
    }

    [Benchmark]
    public object? Parse() => OrderRequestReader.Read(_contentType, _body, new ValidationErrors());

    [Benchmark]
    public object? Validate() => OrderValidator.Validate(_request, OrderSamples.IdempotencyKey, new ValidationErrors());

    /// <summary>Order id, <c>OrderCreated</c>, metrics and the protobuf encoding the publisher does.</summary>
    [Benchmark]
    public int CreateEvent() => Completed.Result(_handler.HandleAsync(_command, CancellationToken.None)).Order!.Items.Count;

    /// <summary>Body bytes to encoded <c>OrderCreated</c>: parse, validate, create and encode. Returns the encoded size.</summary>
    [Benchmark]
    public int Intake()
    {
        var errors = new ValidationErrors();
        var request = OrderRequestReader.Read(_contentType, _body, errors);
        var command = request is null ? null : OrderValidator.Validate(request, OrderSamples.IdempotencyKey, errors);
        _ = Completed.Result(_handler.HandleAsync(command ?? throw Rejected(errors), CancellationToken.None));
        return _publisher.LastSize;
    }

    private static InvalidOperationException Rejected(ValidationErrors errors) =>
        new("The sample order was rejected: " + string.Join("; ", errors.ByField.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")));
}
