using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.PaymentFunctions.Extensions;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddServiceDefaults("payment-functions");
builder.Services.AddPaymentProcessing();
builder.Services.AddCallerAuthentication(CallerKinds.Internal);
builder.Build().Run();
