using FunctionsOrders.OrderFunctions.Intake;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NATS.Client.Core;
using NATS.Client.JetStream;

namespace FunctionsOrders.OrderFunctions.Nats;

/// <summary>
/// Runs the order API's reads on NATS (the read model, the ORDERS stream) within <c>Orders:ReadDeadline</c>, and turns
/// NATS being down, frozen or without a leader into <see cref="NatsReadException"/>: the API answers 503 with
/// Retry-After within seconds, instead of 500 after the client's request timeout.
/// </summary>
internal sealed class NatsReads(INatsConnection connection, IOptions<IntakeOptions> options, TimeProvider time, ILogger<NatsReads> logger)
{
    public async Task<T> RunAsync<T>(string orderId, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        // While the client reconnects a request would wait for the connection: answer at once instead.
        if (connection.ConnectionState == NatsConnectionState.Reconnecting)
        {
            throw Failed(orderId, "not connected to NATS", null);
        }

        var deadline = options.Value.ReadDeadline;
        using var expiry = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            // NATS.Net does not give up on every wait when cancelled: stop waiting here, so the deadline holds.
            return await read(linked.Token).WaitAsync(linked.Token);
        }
        catch (OperationCanceledException e) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failed(orderId, $"no answer within Orders:ReadDeadline ({deadline})", e);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw Failed(orderId, e.Message, e);
        }
    }

    /// <summary>True for failures that say nothing about the order and may pass: NATS unreachable, slow or electing a leader.</summary>
    private static bool IsUnavailable(Exception exception) => exception switch
    {
        NatsJSApiException api => api.Error.Code is 503 or 408 or 500,
        NatsDeserializeException => false,
        NatsException => true,
        TimeoutException => true,
        _ => false,
    };

    private NatsReadException Failed(string orderId, string reason, Exception? exception)
    {
        Log.OrderReadFailed(logger, orderId, reason, exception);
        return new NatsReadException($"Reading order {orderId} failed: {reason}.", exception);
    }
}
