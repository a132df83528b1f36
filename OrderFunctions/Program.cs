using FunctionsOrders.OrderFunctions.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddOrderIntake();
builder.Services.AddOrderStatus();
builder.Build().Run();
