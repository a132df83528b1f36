using System.Diagnostics.Metrics;
using FunctionsOrders.Contracts.Orders.V1;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.NatsBridge.Extensions;
using FunctionsOrders.ServiceDefaults.Extensions;
using FunctionsOrders.ServiceDefaults.JetStream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>The bridge wired as its Program.cs wires it, in this process, with one route to a scripted function.</summary>
internal sealed class BridgeUnderTest : IAsyncDisposable
{
    public const string RouteName = "test";

    /// <summary>
    /// Stream limits (<c>Topology:*MaxBytes</c>) for the tests' streams. Each stream reserves its limit in the shared
    /// server's store (by default 75% of the free disk); at the 1 GiB defaults a few dozen prefixes fill it.
    /// </summary>
    public static readonly IReadOnlyList<(string Key, string Value)> StreamLimits =
        [("OrdersMaxBytes", "67108864"), ("PaymentsMaxBytes", "67108864"), ("DeadLetterMaxBytes", "67108864")];

    private BridgeUnderTest(IHost host, string prefix, BridgeCounters counters)
    {
        Host = host;
        Prefix = prefix;
        Counters = counters;
    }

    public IHost Host { get; }

    public string Prefix { get; }

    public JetStreamTopology Topology => Host.Services.GetRequiredService<JetStreamTopology>();

    public INatsJSContext Js => Host.Services.GetRequiredService<INatsJSContext>();

    /// <summary>The keys (order ids) at a function or lingering on any route now.</summary>
    public IReadOnlyCollection<string> KeysUnderWay() =>
        Host.Services.GetRequiredService<Dispatch.BridgeService>().Workers[0].AtFunctions.Snapshot();

    /// <summary>This bridge's counters, read from its meter in-process.</summary>
    public BridgeCounters Counters { get; }

    public static string NewPrefix() => "b" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// Starts the bridge with its route to <paramref name="functionUrl"/> (<paramref name="route"/> overrides or adds
    /// route settings) and, when <paramref name="otherRoutes"/> are given, more routes by name, each with its settings
    /// (<c>Stream</c>, <c>FilterSubject</c>, <c>Url</c>, ...). <paramref name="prefix"/> names the topology (one per
    /// test by default); <paramref name="natsUrl"/> is the server's.
    /// </summary>
    public static async Task<BridgeUnderTest> StartAsync(
        string natsUrl,
        string functionUrl,
        IDictionary<string, string?>? route = null,
        string? prefix = null,
        IDictionary<string, IDictionary<string, string?>>? otherRoutes = null)
    {
        prefix ??= NewPrefix();
        var builder = WebApplication.CreateSlimBuilder();
        var key = $"Bridge:Routes:{RouteName}:";
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Nats:Url"] = natsUrl,
            ["Topology:Prefix"] = prefix,
            [key + "Stream"] = "ORDERS",
            [key + "FilterSubject"] = "orders.created.>",
            [key + "Url"] = functionUrl,
            [key + "FetchExpires"] = "00:00:02",
            [key + "NakBackoff"] = "00:00:00.200",
        };
        foreach (var (k, v) in route ?? new Dictionary<string, string?>())
        {
            settings[key + k] = v;
        }

        foreach (var (name, other) in otherRoutes ?? new Dictionary<string, IDictionary<string, string?>>())
        {
            foreach (var (k, v) in other)
            {
                settings[$"Bridge:Routes:{name}:{k}"] = v;
            }
        }

        foreach (var (k, v) in StreamLimits)
        {
            settings["Topology:" + k] = v;
        }

        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddJetStreamPublisher();
        builder.Services.AddJetStreamRoutes(builder.Configuration);
        var app = builder.Build();
        app.MapBridgeEndpoints();

        // The streams and the bucket, as 'topology apply' creates them: the bridge only verifies them and ensures its consumer.
        using (var timeout = FunctionsOrders.TestInfrastructure.TestTimeout.Start(30))
        {
            await app.Services.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync([], timeout.Token);
        }

        var counters = new BridgeCounters(app.Services.GetRequiredService<IMeterFactory>());
        await app.StartAsync();
        var bridge = new BridgeUnderTest(app, prefix, counters);
        await FunctionsOrders.SystemHarness.Poll.UntilAsync(
            () => app.Services.GetRequiredService<Dispatch.BridgeService>().Workers.Count == 1 + (otherRoutes?.Count ?? 0),
            TimeSpan.FromSeconds(20), "the bridge to start its routes");
        return bridge;
    }

    public async Task<string> PublishOrderAsync(CancellationToken cancellationToken)
    {
        var order = new OrderCreated { OrderId = Guid.NewGuid().ToString(), CustomerId = "cust-1" };
        // As the intake publishes it: stored only as the first message on its subject.
        await Host.Services.GetRequiredService<IJetStreamPublisher>()
            .PublishAsync(Topology.Subjects.OrderCreated(order.OrderId), order, order.OrderId, PublishCondition.FirstOnSubject, cancellationToken);
        return order.OrderId;
    }

    /// <summary>Another message about <paramref name="orderId"/>: its subject's last token is that order id.</summary>
    public async Task PublishFollowUpAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = new OrderCreated { OrderId = orderId, CustomerId = "cust-1" };
        await Host.Services.GetRequiredService<IJetStreamPublisher>()
            .PublishAsync(Topology.Subjects.OrderCreatedAll.TrimEnd('>') + "again." + orderId, order, "again-" + orderId, PublishCondition.FirstOnSubject, cancellationToken);
    }

    /// <summary>The bridge's own <c>/metrics</c> page, over HTTP (docs/bridge-metrics.md).</summary>
    public async Task<string> MetricsAsync(CancellationToken cancellationToken)
    {
        var address = ((WebApplication)Host).Urls.First();
        using var http = new HttpClient();
        return await http.GetStringAsync(address + "/metrics", cancellationToken);
    }

    public async Task<NATS.Client.JetStream.Models.ConsumerInfo> ConsumerInfoAsync(CancellationToken cancellationToken, string consumer = RouteName) =>
        (await Js.GetConsumerAsync(Topology.OrdersStream, consumer, cancellationToken)).Info;

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        Counters.Dispose();
    }
}
