using System.Net;
using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Http;
using FunctionsOrders.FunctionsHost.Options;
using FunctionsOrders.FunctionsHost.Worker;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Extensions;

/// <summary>Registers the local Functions host and its request pipeline.</summary>
internal static class FunctionsHostExtensions
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--app"] = $"{FunctionsHostOptions.SectionName}:{nameof(FunctionsHostOptions.AppPath)}",
        ["--port"] = $"{FunctionsHostOptions.SectionName}:{nameof(FunctionsHostOptions.Port)}",
        ["--settings"] = $"{FunctionsHostOptions.SectionName}:{nameof(FunctionsHostOptions.SettingsFile)}",
    };

    public static WebApplicationBuilder AddFunctionsHost(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, Switches);

        // ASP.NET Core's request lines carry the whole URL, so a key sent as ?code= would be logged whenever that
        // category is turned up; the Functions host never logs keys.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        // The same holds for the forwarder's lines on each request it forwards to a worker with ASP.NET Core integration.
        builder.Logging.AddFilter("Yarp.ReverseProxy", LogLevel.Warning);
        var services = builder.Services;
        services.AddOptions<FunctionsHostOptions>().BindConfiguration(FunctionsHostOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FunctionsHostOptions>, FunctionsHostOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IOptions<FunctionsHostOptions>>((host, options) =>
            host.ShutdownTimeout = options.Value.ShutdownTimeout + options.Value.WorkerTerminateTimeout + TimeSpan.FromSeconds(5));
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<FunctionsHostOptions>, HostEndpoints>(ConfigureKestrel);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => FunctionAppLoader.Load(sp.GetRequiredService<IOptions<FunctionsHostOptions>>().Value));
        services.AddSingleton(sp => new FunctionListPrinter(sp.GetRequiredService<FunctionApp>(), Console.Out));
        services.AddSingleton<HostEndpoints>();
        services.AddSingleton<FunctionCatalog>();
        services.AddSingleton<InFlightTracker>();
        services.AddSingleton<KeyAuthorizer>();
        services.AddSingleton<RequestBodyReader>();
        services.AddSingleton<FunctionRequestHandler>();
        services.AddHttpForwarder();
        services.AddSingleton<WorkerForwarder>();
        services.AddSingleton<FunctionEndpointDataSource>();
        services.AddSingleton<WorkerConnector>();
        services.AddSingleton<WorkerLogForwarder>();
        services.AddSingleton<WorkerHandshake>();
        services.AddSingleton<WorkerLauncher>();
        services.AddHostedService<WorkerSupervisor>();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = null;
            grpc.MaxSendMessageSize = null;
            grpc.IgnoreUnknownServices = true;
        });
        return builder;
    }

    public static WebApplication UseFunctionsHost(this WebApplication app)
    {
        app.UseMiddleware<PortSeparationMiddleware>();
        app.UseRouting();
        app.UseMiddleware<WorkerReadinessMiddleware>();
        app.MapGrpcService<FunctionRpcService>();
        ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<FunctionEndpointDataSource>());
        return app;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, IOptions<FunctionsHostOptions> options, HostEndpoints endpoints)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = options.Value.MaxRequestBodySize;
        kestrel.Listen(IPAddress.Loopback, options.Value.Port, listen =>
        {
            // Cleartext HTTP/2 cannot be negotiated with browsers and curl without TLS: clients get HTTP/1.1.
            listen.Protocols = HttpProtocols.Http1;
            endpoints.Clients = listen;
        });
        kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            endpoints.Worker = listen;
        });
    }
}
