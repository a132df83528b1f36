using Microsoft.Extensions.Options;

namespace FunctionsOrders.NatsBridge.Routing;

/// <summary>Fails the start on a bad <c>Bridge</c> setting, naming the key.</summary>
internal sealed class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        var errors = new List<string>();
        if (options.Routes.Count == 0)
        {
            errors.Add("Bridge:Routes must define at least one route.");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero)
        {
            errors.Add("Bridge:ShutdownTimeout must be greater than zero.");
        }

        foreach (var (route, o) in options.Routes)
        {
            ValidateRoute($"Bridge:Routes:{route}", o, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateRoute(string key, BridgeRouteOptions o, List<string> errors)
    {
        Require(errors, string.IsNullOrWhiteSpace(o.Stream), $"{key}:Stream is required (e.g. ORDERS).");
        Require(errors, string.IsNullOrWhiteSpace(o.FilterSubject), $"{key}:FilterSubject is required (e.g. orders.created.>).");
        Require(errors, !Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"),
            $"{key}:Url '{o.Url}' is not an absolute http(s) URL.");
        Require(errors, o.BatchSize is < 1 or > 1000, $"{key}:BatchSize must be 1..1000 (it is {o.BatchSize}).");
        Require(errors, o.MaxBatchesInFlight is < 1 or > 64, $"{key}:MaxBatchesInFlight must be 1..64 (it is {o.MaxBatchesInFlight}).");
        Require(errors, o.MaxReplicas is < 1 or > 256, $"{key}:MaxReplicas must be 1..256 (it is {o.MaxReplicas}).");
        Require(errors, o.MaxDeliver < 1, $"{key}:MaxDeliver must be at least 1 (it is {o.MaxDeliver}).");
        Require(errors, o.HttpTimeout <= TimeSpan.Zero, $"{key}:HttpTimeout must be greater than zero.");
        var interval = o.EffectiveInProgressInterval();
        Require(errors, interval <= TimeSpan.Zero || interval * 2 > o.AckWait,
            $"{key}:InProgressInterval ({interval}) must be greater than zero and at most half of {key}:AckWait ({o.AckWait}): " +
            "the bridge keeps a batch it could not dispatch until the function answers, and only in-progress acks keep the server from redelivering it meanwhile.");
        Require(errors, o.HttpTimeout > TimeSpan.FromMinutes(10), $"{key}:HttpTimeout must be at most 10 minutes.");
        Require(errors, o.MessageBudget is { } budget && (budget <= TimeSpan.Zero || budget > o.TimeBudget()),
            $"{key}:MessageBudget ({o.MessageBudget}) must be greater than zero and fit in the time a batch gets to be answered, " +
            $"{o.TimeBudget()} ({key}:HttpTimeout {o.HttpTimeout} less a margin): otherwise no message could be finished in time.");
        Require(errors, o.FetchExpires <= TimeSpan.FromSeconds(1), $"{key}:FetchExpires must be longer than 1 s (a JetStream limit).");
        Require(errors, o.Linger < TimeSpan.Zero || o.Linger > TimeSpan.FromSeconds(1), $"{key}:Linger must be between 0 and 1 s.");
        Require(errors, o.BreakerFailures < 1, $"{key}:BreakerFailures must be at least 1.");
        Require(errors, o.BreakDuration <= TimeSpan.Zero, $"{key}:BreakDuration must be greater than zero.");
        try
        {
            Require(errors, o.Backoff().Any(d => d < TimeSpan.Zero), $"{key}:NakBackoff must not hold negative delays.");
        }
        catch (FormatException)
        {
            errors.Add($"{key}:NakBackoff '{o.NakBackoff}' is not a comma-separated list of hh:mm:ss delays.");
        }
    }

    private static void Require(List<string> errors, bool failed, string message)
    {
        if (failed)
        {
            errors.Add(message);
        }
    }
}
