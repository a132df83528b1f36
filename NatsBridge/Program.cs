using FunctionsOrders.NatsBridge.Extensions;
using FunctionsOrders.NatsBridge.Replay;

if (args is ["replay", .. var replayArgs])
{
    return await ReplayCommand.RunAsync(replayArgs);
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddJetStreamRoutes(builder.Configuration);

var app = builder.Build();
app.MapBridgeEndpoints();
await app.RunAsync();
return 0;
