using FunctionsOrders.AppHost;
using FunctionsOrders.AppHost.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

DashboardDefaults.Apply();
var natsServers = LocalNats.RequestedServers();
if (FixedPorts.Taken(FixedPorts.Of(natsServers)) is { Count: > 0 } taken)
{
    Console.Error.WriteLine(FixedPorts.Describe(taken));
    return 1;
}

var builder = DistributedApplication.CreateBuilder(args);
var layout = RepoLayout.Locate();
var secrets = LocalSecrets.Add(builder);

var nats = builder.AddNats(layout, secrets).WithTopologyApplied(builder, secrets);
var azurite = builder.AddAzurite(layout);
var provider = builder.AddPaymentProvider();
var apps = builder.AddFunctionApps(layout, secrets, nats, azurite, provider);
var bridge = builder.AddNatsBridge(secrets, nats, apps);

IEnumerable<IResource> services = [.. nats.Servers.Select(s => s.Resource), azurite.Resource, provider.Resource, apps.Orders.Resource, apps.Payments.Resource, bridge.Resource];
builder.Services.AddSingleton(new ReadyAnnouncement.Run(
    [.. services.Select(s => s.Name)],
    [.. Enumerable.Range(1, natsServers).Select(Ports.NatsNode)]));
builder.Services.AddHostedService<ReadyAnnouncement>();
builder.Services.TryAddSingleton(TimeProvider.System);

builder.Build().Run();
return 0;
