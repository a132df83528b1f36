using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.KeyValueStore;

namespace FunctionsOrders.OrderFunctions.Tests;

/// <summary>A real nats-server and OrderFunctions' build under the local Functions host, shared by a collection.</summary>
public sealed class OrderApiFixture : IAsyncLifetime
{
    public const string FunctionKey = "test-function-key";

    private NatsServer? _nats;
    private FunctionsHostProcess? _host;
    private NatsConnection? _connection;

    public NatsServer Nats => _nats!;

    public HttpClient Client => _host!.Client;

    /// <summary>The local Functions host serving the app, to check that it is still running.</summary>
    public FunctionsHostProcess Host => _host!;

    public JetStreamTopology Topology { get; private set; } = null!;

    public INatsJSContext Js { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _nats = await NatsServer.StartAsync();
        (_host, Topology) = await StartHostAsync(_nats.Url);
        _connection = new NatsConnection(new NatsOpts { Url = _nats.Url });
        Js = new NatsJSContext(_connection);
        await Js.GetStreamAsync(Topology.OrdersStream);
    }

    /// <summary>
    /// Applies the topology (the app only verifies it) and starts the host on OrderFunctions against
    /// <paramref name="natsUrl"/> with a unique topology prefix (or <paramref name="prefix"/>, whose topology a caller
    /// that passes <paramref name="applyTopology"/> false has applied).
    /// </summary>
    public static async Task<(FunctionsHostProcess Host, JetStreamTopology Topology)> StartHostAsync(
        string natsUrl, IDictionary<string, string>? settings = null, string? prefix = null, bool applyTopology = true)
    {
        prefix ??= UniquePrefix();
        var values = new Dictionary<string, string>
        {
            ["Nats__Url"] = natsUrl,
            ["Nats__ReconnectWaitMin"] = "00:00:00.100",
            ["Nats__ReconnectWaitMax"] = "00:00:00.500",
            ["Topology__Prefix"] = prefix,
            ["Nats__Publish__Deadline"] = "00:00:02",
            ["Nats__Publish__AttemptTimeout"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        if (applyTopology)
        {
            await ApplyTopologyAsync(natsUrl, values);
        }

        var host = await FunctionsHostProcess.StartAsync("OrderFunctions", values, new Dictionary<string, string> { ["FunctionsHost__FunctionKey"] = FunctionKey });
        return (host, new JetStreamTopology(new TopologyOptions { Prefix = prefix }));
    }

    /// <summary>Creates the streams and the bucket with the <c>Topology__*</c> settings the app gets, as <c>topology apply</c> would.</summary>
    private static async Task ApplyTopologyAsync(string natsUrl, Dictionary<string, string> values)
    {
        using var timeout = TestTimeout.Start(30);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)))
            .Build();
        var topology = new JetStreamTopology(configuration.GetSection(TopologyOptions.SectionName).Get<TopologyOptions>() ?? new TopologyOptions());
        await using var connection = new NatsConnection(new NatsOpts { Url = natsUrl });
        var js = new NatsJSContext(connection);
        await new JetStreamTopologyInitializer(js, new NatsKVContext(js), topology, NullLogger<JetStreamTopologyInitializer>.Instance)
            .EnsureAsync([], timeout.Token);
    }

    /// <summary>A topology prefix no other test uses.</summary>
    public static string UniquePrefix() => "o" + Guid.NewGuid().ToString("N")[..10];

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_nats is not null)
        {
            await _nats.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class OrderApiCollection : ICollectionFixture<OrderApiFixture>
{
    public const string Name = "order-api";
}
