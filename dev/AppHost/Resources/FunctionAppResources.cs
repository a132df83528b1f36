using FunctionsOrders.Contracts.Security;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// OrderFunctions and PaymentFunctions: under <c>func start</c> when Azure Functions Core Tools are on PATH,
/// otherwise under the repository's local Functions host. Either way the app runs from its build output, so
/// both hosts run the same build and neither rebuilds it.
/// </summary>
internal static class FunctionAppResources
{
    public static FunctionApps AddFunctionApps(
        this IDistributedApplicationBuilder builder,
        RepoLayout layout,
        LocalSecrets secrets,
        LocalNats nats,
        IResourceBuilder<ExecutableResource> azurite,
        IResourceBuilder<ProjectResource> provider)
    {
        var func = FindOnPath("func");
        var orders = builder.AddFunctionApp("order-functions", new Projects.OrderFunctions(), Ports.OrderFunctions, func, layout, secrets)
            .WithNats(secrets, nats, NatsUserNames.Orders);
        var payments = builder.AddFunctionApp("payment-functions", new Projects.PaymentFunctions(), Ports.PaymentFunctions, func, layout, secrets)
            .WithNats(secrets, nats, NatsUserNames.Payments)
            .WithEnvironment("AzureWebJobsStorage", InfrastructureResources.AzuriteConnectionString)
            .WithEnvironment("Payments__Provider__BaseUrl", Ports.Http(Ports.PaymentProvider))
            // Azurite has no partitions to spread: one keeps a batch's ledger rows in one transaction.
            .WithEnvironment("Payments__Ledger__PartitionCount", "1")
            .WaitFor(azurite)
            .WaitFor(provider);
        return new FunctionApps(orders, payments);
    }

    private static IResourceBuilder<ExecutableResource> AddFunctionApp(
        this IDistributedApplicationBuilder builder,
        string name,
        IProjectMetadata project,
        int port,
        string? func,
        RepoLayout layout,
        LocalSecrets secrets)
    {
        var app = func is not null
            ? builder.AddExecutable(name, func, layout.Output(project), "start", "--port", $"{port}")
            : builder.AddExecutable(name, "dotnet", layout.Root,
                Path.Combine(layout.Output(new Projects.FunctionsHost()), "FunctionsOrders.FunctionsHost.dll"),
                "--app", layout.Output(project), "--port", $"{port}");
        return app
            .WithHttpEndpoint(port: port, name: "http", isProxied: false)
            .WithHttpHealthCheck("/api/health")
            .WithOtlpExporter()
            .WithLocalTelemetry()
            .WithEnvironment("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated")
            .WithEnvironment("FunctionsHost__FunctionKey", secrets.FunctionKey)
            .WithEnvironment("AzureWebJobsStorage", InfrastructureResources.AzuriteConnectionString);
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);
}
