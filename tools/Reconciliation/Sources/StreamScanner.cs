using NATS.Client.JetStream;

namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>
/// Reads every stored message matching a filter once, in order, through an ordered consumer in batches that do
/// not wait: thousands of messages take well under a second. The client removes each batch's ephemeral consumer
/// as the batch ends, so repeated checks leave nothing behind on the server.
/// </summary>
internal static class StreamScanner
{
    private const int NotFound = 404;
    private const int BatchSize = 1000;

    public static async Task ScanAsync(
        INatsJSContext js, string stream, NatsJSOrderedConsumerOpts options, Action<INatsJSMsg<byte[]>> visit, CancellationToken cancellationToken)
    {
        try
        {
            var consumer = await js.CreateOrderedConsumerAsync(stream, options, cancellationToken);
            var fetch = new NatsJSFetchOpts { MaxMsgs = BatchSize };
            int got;
            do
            {
                got = 0;
                await foreach (var message in consumer.FetchNoWaitAsync<byte[]>(fetch, cancellationToken: cancellationToken))
                {
                    got++;
                    visit(message);
                }
            }
            while (got > 0);
        }
        catch (NatsJSApiException ex) when (ex.Error.Code == NotFound)
        {
            throw new ReconciliationSourceException($"Stream {stream} does not exist on the server (is the topology prefix right?).", ex);
        }
    }
}
