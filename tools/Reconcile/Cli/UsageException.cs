namespace FunctionsOrders.Reconcile.Cli;

/// <summary>A bad command line; the message names the offending argument.</summary>
internal sealed class UsageException(string message) : Exception(message);
