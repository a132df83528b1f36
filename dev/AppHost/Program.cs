using FunctionsOrders.AppHost;
using FunctionsOrders.AppHost.Resources;

DashboardDefaults.Apply();
var builder = DistributedApplication.CreateBuilder(args);
var layout = RepoLayout.Locate();
var secrets = LocalSecrets.Add(builder);

var nats = builder.AddNats(layout, secrets).WithTopologyApplied(builder, secrets);
var azurite = builder.AddAzurite(layout);
var provider = builder.AddPaymentProvider();
var apps = builder.AddFunctionApps(layout, secrets, nats, azurite, provider);
builder.AddNatsBridge(secrets, nats, apps);

builder.Build().Run();
