using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>
/// The per-client limit of <c>POST /api/orders</c> (<c>Orders:RateLimit</c>): a token bucket per client, so a flood
/// from one client is refused with 429 while every other client's orders go on. Per instance; off when
/// <c>PerSecond</c> is 0.
/// </summary>
internal sealed class IntakeRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _limiter;

    public IntakeRateLimiter(IOptions<IntakeOptions> options)
    {
        var limit = options.Value.RateLimit;
        if (!limit.Enabled)
        {
            return;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.EffectiveBurst,
            TokensPerPeriod = limit.PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ => bucket), StringComparer.Ordinal);
    }

    /// <summary>Null when <paramref name="client"/> may place an order now; otherwise how long it should wait.</summary>
    public TimeSpan? TryAcquire(string client)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(client);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);
    }

    /// <summary>
    /// The client a request counts against: the authenticated customer, else the address the nearest proxy reports
    /// (the last entry of <c>X-Forwarded-For</c>), else one bucket shared by all anonymous callers.
    /// </summary>
    public static string ClientOf(string? customer, IEnumerable<string>? forwardedFor)
    {
        if (customer is not null)
        {
            return "customer:" + customer;
        }

        var last = forwardedFor?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).LastOrDefault();
        return last is null ? "anonymous" : "address:" + last;
    }

    public void Dispose() => _limiter?.Dispose();
}
