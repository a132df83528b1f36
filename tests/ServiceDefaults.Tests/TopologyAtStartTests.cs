using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.ServiceDefaults.Extensions;
using FunctionsOrders.ServiceDefaults.JetStream;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NATS.Client.JetStream;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>
/// What a host does with the topology at start: it reports a stream set differently and leaves it alone; only an
/// explicit apply changes it. <c>Topology:AtStart=Apply</c> is for Development only.
/// </summary>
[Collection(NatsCollection.Name)]
public sealed class TopologyAtStartTests(NatsServerFixture nats)
{
    private const long AppliedMaxBytes = 10L << 20;
    private const long OtherMaxBytes = 5L << 20;

    [Fact]
    public async Task A_host_reports_a_stream_that_differs_and_leaves_it_as_it_is_until_the_topology_is_applied()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        await using var applied = TestServices.Create(nats.Server.Url, prefix, MaxBytes(AppliedMaxBytes));
        await applied.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        var topology = applied.GetRequiredService<JetStreamTopology>();
        var js = applied.GetRequiredService<INatsJSContext>();

        // One host configured with another size, in Production, as one wrongly set instance would be.
        using var host = BuildHost(prefix, Environments.Production, MaxBytes(OtherMaxBytes));
        await host.StartAsync(timeout.Token);
        var atStart = host.Services.GetServices<IHostedService>().OfType<TopologyAtStartService>().Single();
        await Poll.UntilAsync(() => atStart.Report.Count > 0, TimeSpan.FromSeconds(20), "the check at start", cancellationToken: timeout.Token);
        await host.StopAsync(timeout.Token);

        var orders = Assert.Single(atStart.Report, r => r.Name == topology.OrdersStream);
        Assert.Equal(TopologyAction.Differs, orders.Action);
        Assert.Contains($"max_bytes: {AppliedMaxBytes} -> {OtherMaxBytes}", orders.Differences);
        Assert.Equal(AppliedMaxBytes, (await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token)).Info.Config.MaxBytes);

        // Applying the new setting explicitly is what changes the stream.
        await using var apply = TestServices.Create(nats.Server.Url, prefix, MaxBytes(OtherMaxBytes));
        var changes = await apply.GetRequiredService<JetStreamTopologyInitializer>().EnsureAsync(cancellationToken: timeout.Token);
        Assert.Equal(TopologyAction.Updated, Assert.Single(changes, c => c.Name == topology.OrdersStream).Action);
        Assert.Equal(OtherMaxBytes, (await js.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token)).Info.Config.MaxBytes);
    }

    [Fact]
    public async Task A_host_reports_missing_streams_and_creates_none()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        using var host = BuildHost(prefix, Environments.Production);
        await host.StartAsync(timeout.Token);
        var atStart = host.Services.GetServices<IHostedService>().OfType<TopologyAtStartService>().Single();
        await Poll.UntilAsync(() => atStart.Report.Count > 0, TimeSpan.FromSeconds(20), "the check at start", cancellationToken: timeout.Token);
        await host.StopAsync(timeout.Token);

        Assert.Equal(2, atStart.Report.Count); // ORDERS and the bucket, what the host uses
        Assert.All(atStart.Report, r => Assert.Equal(TopologyAction.Missing, r.Action));
        await using var services = TestServices.Create(nats.Server.Url, prefix);
        var names = await services.GetRequiredService<INatsJSContext>().ListStreamNamesAsync(cancellationToken: timeout.Token).ToListAsync(timeout.Token);
        Assert.DoesNotContain(names, n => n.StartsWith(prefix + "_", StringComparison.Ordinal) || n.StartsWith("KV_" + prefix + "_", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_at_start_is_refused_outside_Development_naming_the_key()
    {
        using var host = BuildHost(TestServices.UniquePrefix(), Environments.Production, new() { ["Topology:AtStart"] = "Apply" });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TopologyOptions>>().Value);

        Assert.Contains("Topology:AtStart=Apply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_at_start_in_Development_creates_the_streams_and_the_bucket()
    {
        using var timeout = TestTimeout.Start();
        var prefix = TestServices.UniquePrefix();
        using var host = BuildHost(prefix, Environments.Development, new() { ["Topology:AtStart"] = "Apply" });
        await host.StartAsync(timeout.Token);
        var atStart = host.Services.GetServices<IHostedService>().OfType<TopologyAtStartService>().Single();
        await Poll.UntilAsync(() => atStart.Report.Count > 0, TimeSpan.FromSeconds(20), "the apply at start", cancellationToken: timeout.Token);
        await host.StopAsync(timeout.Token);

        Assert.Equal(4, atStart.Report.Count);
        Assert.All(atStart.Report, r => Assert.Equal(TopologyAction.Created, r.Action));
    }

    private static Dictionary<string, string?> MaxBytes(long value) => new() { ["Topology:OrdersMaxBytes"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    private IHost BuildHost(string prefix, string environment, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Nats:Url"] = nats.Server.Url,
            ["Topology:Prefix"] = prefix,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddJetStreamTopologyAtStart(TopologyNames.OrdersStream, TopologyNames.OrderStatusBucket);
        return builder.Build();
    }
}
