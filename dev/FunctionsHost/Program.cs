using FunctionsOrders.FunctionsHost.Extensions;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddFunctionsHost(args);

var app = builder.Build();
app.UseFunctionsHost();
app.Run();
