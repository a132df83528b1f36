using System.Globalization;

namespace FunctionsOrders.NatsBridge.Routing;

/// <summary>One route: a durable consumer on a stream whose messages go to one function (section <c>Bridge:Routes:&lt;name&gt;</c>).</summary>
public sealed class BridgeRouteOptions
{
    private static readonly TimeSpan[] DefaultBackoff =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60)];

    /// <summary>Stream to read, by its logical name (<c>ORDERS</c>); the topology prefix is applied.</summary>
    public string Stream { get; set; } = string.Empty;

    /// <summary>Durable consumer name; every bridge replica of the route shares it. Default: the route name.</summary>
    public string? Consumer { get; set; }

    /// <summary>Subjects the consumer receives, logical (<c>orders.created.&gt;</c>); the topology prefix is applied.</summary>
    public string FilterSubject { get; set; } = string.Empty;

    /// <summary>Absolute URL of the function that takes the batches.</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Function key sent as <c>x-functions-key</c>. A secret: never logged.</summary>
    public string? FunctionKey { get; set; }

    /// <summary>
    /// Scope of the bearer token sent with every batch, from the bridge's managed identity (e.g.
    /// <c>api://functionsorders-internal/.default</c>); the function app validates it (<c>Auth:Internal</c>). Empty:
    /// no token.
    /// </summary>
    public string? TokenScope { get; set; }

    /// <summary>Messages per batch. Default 64.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Batches dispatched at once by this process. Default 2.</summary>
    public int MaxBatchesInFlight { get; set; } = 2;

    /// <summary>
    /// Bridge replicas the route's durable consumer is sized for: it lets BatchSize × MaxBatchesInFlight ×
    /// MaxReplicas messages be delivered and unsettled at once, so that many replicas can each keep their batches
    /// in flight. Every replica must use the same value. Default 4.
    /// </summary>
    public int MaxReplicas { get; set; } = 4;

    /// <summary>How long the server waits for a settlement (or an in-progress ack) before redelivering. Default 30 s.</summary>
    public TimeSpan AckWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deliveries of one message after which a RETRY from the function dead-letters it instead of NAKing it. Only the
    /// function's verdict spends deliveries: a batch that failed as a whole is held and sent again. The bridge
    /// enforces this limit; the server's own is unlimited. Default 10.
    /// </summary>
    public int MaxDeliver { get; set; } = 10;

    /// <summary>
    /// NAK delays by delivery count (1st, 2nd, …; the last repeats), as <c>hh:mm:ss</c> separated by commas; also the
    /// delays between tries of a held batch, by failures in a row. Default 1 s, 5 s, 15 s, 60 s.
    /// </summary>
    public string? NakBackoff { get; set; }

    /// <summary>
    /// While a batch is with the bridge (in flight, or held until the function answers), how often the bridge tells
    /// the server its messages are still being worked on. Greater than zero, at most half of <see cref="AckWait"/>.
    /// Default: a third of <see cref="AckWait"/>.
    /// </summary>
    public TimeSpan? InProgressInterval { get; set; }

    /// <summary>
    /// Timeout of one dispatch POST. The function is told it has this long less a margin (a tenth, at most 1 s) to
    /// answer: the batch's <c>time_budget</c>. Default 10 s.
    /// </summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest one message takes at the route's function (for the payments function, its own
    /// <c>Payments:MessageBudget</c>). When set, the start fails if the time budget a batch gets is shorter, since no
    /// message could be finished in time, and warns when a whole batch would not fit. Default: unset, no check.
    /// </summary>
    public TimeSpan? MessageBudget { get; set; }

    /// <summary>How long an idle route waits for the next message per fetch request; longer than 1 s. Default 5 s.</summary>
    public TimeSpan FetchExpires { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a batch that started with a waited-for message waits for more before it is dispatched, while
    /// messages of other keys (the last subject token: other orders) are at a function or lead a lingering batch on
    /// any route of the bridge (the way Kafka's
    /// <c>linger.ms</c> trades a few milliseconds for fuller batches). It is the longest wait: a batch waits less when
    /// the rate the route's recent batches told fills it sooner. On an idle system a batch never waits, nor when the
    /// stream already holds a full batch. Zero turns it off; at most 1 s. Default 50 ms.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Consecutive failed dispatches that open the route's breaker. Default 5.</summary>
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker pauses the route. Default 15 s.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The time budget a batch gets: <see cref="HttpTimeout"/> less a tenth of it, at most 1 s, for the way back.</summary>
    public TimeSpan TimeBudget() => HttpTimeout - TimeSpan.FromTicks(Math.Min(HttpTimeout.Ticks / 10, TimeSpan.TicksPerSecond));

    /// <summary>The in-progress ack interval in force.</summary>
    public TimeSpan EffectiveInProgressInterval() => InProgressInterval ?? AckWait / 3;

    /// <summary>The NAK delays, parsed from <see cref="NakBackoff"/> or the defaults.</summary>
    public IReadOnlyList<TimeSpan> Backoff() => string.IsNullOrWhiteSpace(NakBackoff)
        ? DefaultBackoff
        : NakBackoff.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(value => TimeSpan.Parse(value, CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>The NAK delay for a message delivered <paramref name="deliveryCount"/> times.</summary>
    public TimeSpan BackoffFor(ulong deliveryCount)
    {
        var schedule = Backoff();
        var index = (int)Math.Min(Math.Max(deliveryCount, 1) - 1, (ulong)(schedule.Count - 1));
        return schedule[index];
    }
}
