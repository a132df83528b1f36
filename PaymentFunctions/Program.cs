using FunctionsOrders.PaymentFunctions.Extensions;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddServiceDefaults("payment-functions");
builder.Services.AddPaymentProcessing();
builder.Build().Run();
