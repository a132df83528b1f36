using FunctionsOrders.NatsBridge.Extensions;
using FunctionsOrders.NatsBridge.Replay;
using FunctionsOrders.NatsBridge.Topology;
using FunctionsOrders.ServiceDefaults.Extensions;

if (args is ["replay", .. var replayArgs])
{
    return await ReplayCommand.RunAsync(replayArgs);
}

if (args is ["topology", .. var topologyArgs])
{
    return await TopologyCommand.RunAsync(topologyArgs, Console.Out, Console.Error);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults("nats-bridge").WithAspNetCoreTelemetry();
builder.Services.AddJetStreamRoutes(builder.Configuration);

var app = builder.Build();
app.MapBridgeEndpoints();
await app.RunAsync();
return 0;
