using FunctionsOrders.PaymentFunctions.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddPaymentProcessing();
builder.Build().Run();
