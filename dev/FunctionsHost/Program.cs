using FunctionsOrders.FunctionsHost;
using FunctionsOrders.FunctionsHost.Extensions;
using Microsoft.Extensions.Options;

if (HostArguments.Answer(args) is var (text, exitCode))
{
    (exitCode == 0 ? Console.Out : Console.Error).Write(text);
    return exitCode;
}

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.AddFunctionsHost(args);
    if (HostArguments.Unbindable(builder.Configuration) is { } unbindable)
    {
        Console.Error.Write(HostArguments.Error(unbindable));
        return HostArguments.UsageError;
    }

    var app = builder.Build();
    app.UseFunctionsHost();
    app.Run();
    return 0;
}
catch (OptionsValidationException e)
{
    // A bad argument or setting: say which, one line each, without a stack trace.
    foreach (var failure in e.Failures)
    {
        Console.Error.Write(HostArguments.Error(failure));
    }

    return HostArguments.UsageError;
}
