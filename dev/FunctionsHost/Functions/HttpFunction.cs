namespace FunctionsOrders.FunctionsHost.Functions;

/// <summary>
/// A loaded function with an HTTP trigger. <c>Methods</c> are upper case, empty for every method; <c>Route</c> is
/// the route template relative to the route prefix.
/// </summary>
internal sealed record HttpFunction(
    string Name,
    string FunctionId,
    string TriggerName,
    AuthLevel AuthLevel,
    IReadOnlyList<string> Methods,
    string Route);
