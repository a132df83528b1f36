using FunctionsOrders.Contracts.Security;
using FunctionsOrders.Contracts.Topology;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>nats-server (JetStream, one user per component; one server or a three-node cluster) and Azurite, as local processes.</summary>
internal static class InfrastructureResources
{
    /// <summary>
    /// One nats-server, or the three nodes of a cluster, as <see cref="LocalNats.RequestedServers"/> says; a server older
    /// than <see cref="NatsServerVersion.Minimum"/> is refused.
    /// </summary>
    public static LocalNats AddNats(this IDistributedApplicationBuilder builder, RepoLayout layout, LocalSecrets secrets)
    {
        NatsServerVersion.Require(layout.NatsServer);
        return LocalNats.RequestedServers() == 1
            ? new LocalNats([builder.AddNatsServer(layout, secrets)], Ports.NatsUrl, Replicas: 1)
            : builder.AddNatsCluster(layout, secrets);
    }

    private static IResourceBuilder<ExecutableResource> AddNatsServer(this IDistributedApplicationBuilder builder, RepoLayout layout, LocalSecrets secrets)
    {
        var store = Directory.CreateDirectory(Path.Combine(layout.RunDirectory, "nats")).FullName;
        var config = NatsAuthFile.Write(layout.RunDirectory, LocalPermissions(), secrets.NatsPasswordValues);
        return builder.AddExecutable("nats", layout.NatsServer, layout.Root,
                "-c", config, "-js", "-a", Ports.Host, "-p", $"{Ports.Nats}", "-m", $"{Ports.NatsMonitor}", "-sd", store)
            .WithOneSchedulerThread()
            .WithNatsEndpoints(Ports.Nats, Ports.NatsMonitor);
    }

    /// <summary>
    /// Three nodes <c>nats-1</c>..<c>nats-3</c>, each with its own configuration file and store under the run
    /// directory, routed to each other on 127.0.0.1. A node's <c>/healthz</c> answers OK only once its JetStream is
    /// current with the cluster's meta leader, so whatever waits for all three finds a formed cluster;
    /// <see cref="NatsClusterRepair"/> restarts a node the meta group left out when it bootstrapped.
    /// </summary>
    private static LocalNats AddNatsCluster(this IDistributedApplicationBuilder builder, RepoLayout layout, LocalSecrets secrets)
    {
        NatsAuthFile.Write(layout.RunDirectory, LocalPermissions(), secrets.NatsPasswordValues);
        var nodes = Enumerable.Range(1, LocalNats.ClusterSize).Select(n => (Name: $"nats-{n}", Ports: Ports.NatsNode(n))).ToArray();
        var servers = new List<IResourceBuilder<ExecutableResource>>();
        foreach (var (name, ports) in nodes)
        {
            var store = Directory.CreateDirectory(Path.Combine(layout.RunDirectory, name)).FullName;
            var config = NatsClusterConfig.Write(layout.RunDirectory, name, ports, nodes.Select(node => node.Ports), store, secrets.RouteUserValue, secrets.RoutePasswordValue);
            servers.Add(builder.AddExecutable(name, layout.NatsServer, layout.Root, "-c", config)
                .WithEndpoint(port: ports.Route, scheme: "tcp", name: "route", isProxied: false)
                .WithNatsEndpoints(ports.Client, ports.Monitor));
        }

        NatsClusterRepair.Add(builder, servers.Zip(nodes, (server, node) => (server, node.Ports.Monitor)).ToList());
        return new LocalNats(servers, string.Join(',', nodes.Select(node => node.Ports.ClientUrl)), Replicas: LocalNats.ClusterSize);
    }

    /// <summary>The users' permissions for the topology the services run with here: no prefix, the default routes.</summary>
    private static NatsPermissions LocalPermissions() => new(new JetStreamTopology(new TopologyOptions()));

    private static IResourceBuilder<ExecutableResource> WithNatsEndpoints(this IResourceBuilder<ExecutableResource> server, int client, int monitor) =>
        server
            .WithEndpoint(port: client, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHttpEndpoint(port: monitor, name: "monitor", isProxied: false)
            .WithHttpHealthCheck("/healthz", endpointName: "monitor");

    /// <summary>
    /// <c>GOMAXPROCS=1</c> for the single server unless the environment sets it: nats-server shares the machine with the
    /// other services, and with one Go scheduler thread it switched threads half as often for the same traffic and used
    /// an eighth to a fifth less CPU per order (docs/benchmarks.md). A cluster's nodes keep Go's default: with one
    /// scheduler thread each, a lagging node was reported offline to stream placement.
    /// </summary>
    private static IResourceBuilder<ExecutableResource> WithOneSchedulerThread(this IResourceBuilder<ExecutableResource> server) =>
        Environment.GetEnvironmentVariable("GOMAXPROCS") is { Length: > 0 } ? server : server.WithEnvironment("GOMAXPROCS", "1");

    public static IResourceBuilder<ExecutableResource> AddAzurite(this IDistributedApplicationBuilder builder, RepoLayout layout)
    {
        var data = Directory.CreateDirectory(Path.Combine(layout.RunDirectory, "azurite")).FullName;
        builder.Services.AddHealthChecks().AddCheck("azurite-table", new TcpPortHealthCheck(Ports.Host, Ports.AzuriteTable));
        return builder.AddExecutable("azurite", "node", layout.Root,
                layout.Azurite, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--location", data,
                "--blobHost", Ports.Host, "--blobPort", $"{Ports.AzuriteBlob}",
                "--queueHost", Ports.Host, "--queuePort", $"{Ports.AzuriteQueue}",
                "--tableHost", Ports.Host, "--tablePort", $"{Ports.AzuriteTable}")
            .WithHttpEndpoint(port: Ports.AzuriteTable, name: "table", isProxied: false)
            .WithHealthCheck("azurite-table");
    }

    /// <summary>Azurite's development account; its well-known endpoints are the ports above.</summary>
    public const string AzuriteConnectionString = "UseDevelopmentStorage=true";
}
