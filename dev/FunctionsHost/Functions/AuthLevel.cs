namespace FunctionsOrders.FunctionsHost.Functions;

/// <summary>The <c>authLevel</c> of an HTTP trigger, as the worker names it.</summary>
internal enum AuthLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}
