namespace FunctionsOrders.AppHost.Resources;

/// <summary>The two function apps of a local run.</summary>
internal sealed record FunctionApps(IResourceBuilder<ExecutableResource> Orders, IResourceBuilder<ExecutableResource> Payments);
