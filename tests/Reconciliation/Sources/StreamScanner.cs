using NATS.Client.JetStream;

namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>
/// Reads every stored message matching a filter once, in order, through an ordered (ephemeral) consumer in
/// batches that do not wait: thousands of messages take well under a second and nothing durable is left behind.
/// </summary>
internal static class StreamScanner
{
    private const int NotFound = 404;
    private const int BatchSize = 1000;

    public static async Task ScanAsync(
        INatsJSContext js, string stream, NatsJSOrderedConsumerOpts options, Action<INatsJSMsg<byte[]>> visit, CancellationToken cancellationToken)
    {
        INatsJSConsumer consumer;
        try
        {
            consumer = await js.CreateOrderedConsumerAsync(stream, options, cancellationToken);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == NotFound)
        {
            throw new ReconciliationSourceException($"Stream {stream} does not exist on the server (is the topology prefix right?).", ex);
        }

        var fetch = new NatsJSFetchOpts { MaxMsgs = BatchSize };
        while (true)
        {
            var got = 0;
            await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(fetch, cancellationToken: cancellationToken))
            {
                got++;
                visit(message);
            }

            if (got == 0)
            {
                return;
            }
        }
    }
}
