using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>nats-server (JetStream, user/password) and Azurite, as local processes.</summary>
internal static class InfrastructureResources
{
    public static IResourceBuilder<ExecutableResource> AddNatsServer(this IDistributedApplicationBuilder builder, RepoLayout layout, LocalSecrets secrets)
    {
        var store = Directory.CreateDirectory(Path.Combine(layout.RunDirectory, "nats")).FullName;
        var config = NatsAuthFile.Write(layout.RunDirectory, secrets.NatsUserValue, secrets.NatsPasswordValue);
        return builder.AddExecutable("nats", layout.NatsServer, layout.Root,
                "-c", config, "-js", "-a", Ports.Host, "-p", $"{Ports.Nats}", "-m", $"{Ports.NatsMonitor}", "-sd", store)
            .WithEndpoint(port: Ports.Nats, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHttpEndpoint(port: Ports.NatsMonitor, name: "monitor", isProxied: false)
            .WithHttpHealthCheck("/healthz", endpointName: "monitor");
    }

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
