using FunctionsOrders.PaymentProvider;
using FunctionsOrders.ServiceDefaults.Extensions;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls(SimulatorDefaults.Url);
}

builder.AddServiceDefaults("payment-provider").WithAspNetCoreTelemetry();
builder.Services.AddPaymentSimulator();

var app = builder.Build();
app.MapChargeEndpoints();
app.MapAdminEndpoints();
Log.Started(app.Logger, builder.Configuration["urls"] ?? SimulatorDefaults.Url);
app.Run();
