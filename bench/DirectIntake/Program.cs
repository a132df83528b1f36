using FunctionsOrders.DirectIntake;
using FunctionsOrders.OrderFunctions.Extensions;
using FunctionsOrders.ServiceDefaults.Extensions;

// POST /api/orders doing the intake's work on bare Kestrel: the benchmark's "direct" baseline.
var builder = WebApplication.CreateSlimBuilder(args);
builder.AddServiceDefaults("direct-intake");
builder.Services.AddOrderIntake();
builder.Services.AddSingleton<DirectIntakeEndpoint>();

var app = builder.Build();
app.MapPost("/api/orders", (HttpContext context, DirectIntakeEndpoint endpoint) => endpoint.HandleAsync(context));
app.MapGet("/api/health", (HttpContext context, DirectIntakeEndpoint endpoint) => endpoint.HealthAsync(context));
await app.RunAsync();
