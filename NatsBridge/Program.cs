using FunctionsOrders.NatsBridge.Extensions;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddJetStreamRoutes(builder.Configuration);

var app = builder.Build();
app.MapBridgeEndpoints();
app.Run();
