using FunctionsOrders.FunctionsHttp.Auth;
using FunctionsOrders.OrderFunctions.Extensions;
using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.AddServiceDefaults("order-functions");
builder.Services.AddOrderIntake();
builder.Services.AddOrderStatus();
builder.Services.AddCallerAuthentication(CallerKinds.Customers | CallerKinds.Internal);
builder.Build().Run();
