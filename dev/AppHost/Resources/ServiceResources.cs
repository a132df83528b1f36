using System.Globalization;
using FunctionsOrders.Contracts.Security;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>The payment-provider simulator and NatsBridge, as .NET projects.</summary>
internal static class ServiceResources
{
    public static IResourceBuilder<ProjectResource> AddPaymentProvider(this IDistributedApplicationBuilder builder) =>
        builder.AddProject<Projects.PaymentProvider>("payment-provider", launchProfileName: null)
            .OnLoopback(Ports.PaymentProvider)
            .WithHttpHealthCheck("/health")
            .WithLocalTelemetry();

    /// <summary>NatsBridge, healthy once it consumes on every route (<c>/readyz</c>).</summary>
    public static IResourceBuilder<ProjectResource> AddNatsBridge(
        this IDistributedApplicationBuilder builder,
        LocalSecrets secrets,
        LocalNats nats,
        FunctionApps apps)
    {
        var bridge = builder.AddProject<Projects.NatsBridge>("nats-bridge", launchProfileName: null)
            .OnLoopback(Ports.NatsBridge)
            .WithHttpHealthCheck("/readyz")
            .WithLocalTelemetry()
            .WithNats(secrets, nats, NatsUserNames.Bridge)
            .WaitFor(apps.Orders)
            .WaitFor(apps.Payments);
        foreach (var (route, port) in new[] { ("payments", Ports.PaymentFunctions), ("payment-status", Ports.OrderFunctions) })
        {
            bridge.WithEnvironment($"Bridge__Routes__{route}__FunctionKey", secrets.FunctionKey);
            bridge.WithEnvironment($"Bridge__Routes__{route}__Url", RouteUrl(route, port));
        }

        return bridge;
    }

    /// <summary>
    /// <c>NatsBridge topology apply</c>, run once as the topology user when the servers are healthy: it creates and
    /// updates the streams, the bucket and the bridge's consumers, which the services' own users may not.
    /// </summary>
    public static LocalNats WithTopologyApplied(this LocalNats nats, IDistributedApplicationBuilder builder, LocalSecrets secrets)
    {
        var apply = builder.AddProject<Projects.NatsBridge>("nats-topology", launchProfileName: null)
            .WithArgs("topology", "apply")
            .WithNats(secrets, nats, NatsUserNames.Topology);
        return nats with { TopologyApply = apply };
    }

    /// <summary>
    /// Connects a service to the local NATS as <paramref name="user"/>, once every server is healthy and the topology
    /// is applied; on a cluster, with every node's URL and streams and buckets replicated to every node.
    /// </summary>
    public static IResourceBuilder<T> WithNats<T>(this IResourceBuilder<T> resource, LocalSecrets secrets, LocalNats nats, string user)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        resource
            .WithEnvironment("Nats__Url", nats.Url)
            .WithEnvironment("Nats__User", user)
            .WithEnvironment("Nats__Password", secrets.NatsPasswords[user]);
        if (nats.TopologyApply is { } apply)
        {
            resource.WaitForCompletion(apply);
        }

        if (nats.Replicas > 1)
        {
            resource.WithEnvironment("Topology__Replicas", nats.Replicas.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var server in nats.Servers)
        {
            resource.WaitFor(server);
        }

        return resource;
    }

    /// <summary>
    /// Telemetry settings for a local run. Room for bursts in the services' export queues: the SDK's default of 2,048
    /// queued spans drops spans when a few hundred orders arrive at once (each order makes several spans in every app
    /// it crosses), and a local run is where one looks at every trace; memory is not the constraint here. Batches stay at
    /// the SDK's 512: a span waits in the queue until a batch fills or the export delay passes, and with batches of
    /// 2,048 the queued spans outlived gen-0 collections at a few thousand requests a second, so most of the
    /// OrderFunctions worker's collections were gen-1 ones (see docs/benchmarks.md). Metrics every second rather than
    /// the SDK's default of a minute, so the dashboard shows a change while one watches it. Deployments keep the SDK's
    /// defaults.
    /// </summary>
    public static IResourceBuilder<T> WithLocalTelemetry<T>(this IResourceBuilder<T> resource)
        where T : IResourceWithEnvironment =>
        resource
            .WithEnvironment("OTEL_METRIC_EXPORT_INTERVAL", "1000")
            .WithEnvironment("OTEL_BSP_MAX_QUEUE_SIZE", "100000")
            .WithEnvironment("OTEL_BLRP_MAX_QUEUE_SIZE", "100000");

    /// <summary>A fixed HTTP port on 127.0.0.1 (not localhost, which also means [::1]).</summary>
    public static IResourceBuilder<ProjectResource> OnLoopback(this IResourceBuilder<ProjectResource> project, int port) =>
        project
            .WithHttpEndpoint(port: port, name: "http", isProxied: false)
            .WithEndpoint("http", endpoint => endpoint.TargetHost = Ports.Host)
            .WithEnvironment("Urls", Ports.Http(port));

    private static string RouteUrl(string route, int port) => route == "payments"
        ? $"{Ports.Http(port)}/api/internal/payments"
        : $"{Ports.Http(port)}/api/internal/order-events";
}
