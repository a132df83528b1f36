namespace FunctionsOrders.Reconcile.Cli;

/// <summary>Defaults that suit the local run started by <c>./run.sh</c>.</summary>
internal static class Defaults
{
    public const string Nats = "nats://127.0.0.1:4222";

    public const string Storage = "UseDevelopmentStorage=true";

    public const string Provider = "http://127.0.0.1:7080";

    public const string LedgerTable = "payments";

    /// <summary>Longest <c>--wait-seconds</c>: an hour.</summary>
    public const int MaxWaitSeconds = 3600;
}
