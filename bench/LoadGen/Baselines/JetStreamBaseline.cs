using System.Diagnostics;
using FunctionsOrders.Contracts.Messaging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.LoadGen.Baselines;

/// <summary>
/// JetStream with nothing in front of it, on a stream of its own configured like ORDERS (file storage, duplicate
/// window, <paramref name="replicas"/> replicas): publish an <c>OrderCreated</c>-sized payload with a unique
/// <c>Nats-Msg-Id</c> and the intake's headers, one at a time and then with a window of publishes in flight; then
/// fetch and ack everything on a pull consumer. With more than one replica the server (or cluster) must have that
/// many JetStream nodes; a PubAck then means a quorum of them stored the message.
/// </summary>
internal sealed class JetStreamBaseline(INatsJSContext js, int replicas, TextWriter output)
{
    private const string Stream = "BENCH";
    private const string Consumer = "bench-fetch";
    private long _failures;

    public async Task<JetStreamFigures> RunAsync(byte[] payload, TimeSpan duration, int window, int fetchBatch, CancellationToken cancellationToken)
    {
        var stream = await js.CreateStreamAsync(new StreamConfig(Stream, ["bench.>"])
        {
            Storage = StreamConfigStorage.File,
            Discard = StreamConfigDiscard.New,
            DuplicateWindow = TimeSpan.FromMinutes(2),
            NumReplicas = replicas,
        }, cancellationToken);
        var stored = Math.Max(1, stream.Info.Config.NumReplicas);
        if (stored != replicas)
        {
            throw new InvalidOperationException($"Stream {Stream} was created with {stored} replica(s), not {replicas}.");
        }

        var leader = stream.Info.Cluster?.Leader;
        var server = js.Connection.ServerInfo?.Name;
        var label = replicas == 1 ? "baseline" : $"baseline R{replicas}";
        if (replicas > 1)
        {
            output.WriteLine($"{label}: stream {Stream} with {replicas} replicas, leader {leader}; the client is connected to {server}");
        }

        Rate serial, pipelined, fetched;
        try
        {
            serial = await PublishAsync(payload, 1, duration, cancellationToken);
            output.WriteLine($"{label}: JetStream publish, one at a time: {serial.PerSecond:0}/s ({serial.Count} PubAcks, {payload.Length}-byte payload)");
            pipelined = await PublishAsync(payload, window, duration, cancellationToken);
            output.WriteLine($"{label}: JetStream publish, {window} in flight: {pipelined.PerSecond:0}/s ({pipelined.Count} PubAcks)");
            fetched = await FetchAckAsync(serial.Count + pipelined.Count, fetchBatch, duration * 2, cancellationToken);
            output.WriteLine($"{label}: JetStream fetch + ack, batches of {fetchBatch}: {fetched.PerSecond:0}/s ({fetched.Count} messages)");
        }
        finally
        {
            // Every message has a subject of its own, as every order does: the server indexes each one and keeps its
            // id for the duplicate window. Left in place, hundreds of thousands of them would make the server's heap,
            // and its garbage collections, larger for everything measured after the baseline.
            await js.DeleteStreamAsync(Stream, CancellationToken.None);
        }

        return new JetStreamFigures(serial.PerSecond, pipelined.PerSecond, window, fetched.PerSecond, fetchBatch, payload.Length, Interlocked.Read(ref _failures))
        {
            Replicas = replicas,
            StreamLeader = leader,
            ClientServer = server,
        };
    }

    private async Task<Rate> PublishAsync(byte[] payload, int inFlight, TimeSpan duration, CancellationToken cancellationToken)
    {
        var headers = new NatsHeaders
        {
            [MessageHeaders.ContentType] = MessageHeaders.ProtobufContentType,
            [MessageHeaders.EventType] = EventTypes.OrderCreated,
        };
        long count = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var id = Guid.NewGuid().ToString("D");
                var ack = await js.PublishAsync("bench.orders.created." + id, payload, opts: new NatsJSPubOpts { MsgId = id }, headers: headers, cancellationToken: cancellationToken);
                if (ack.Error is null)
                {
                    Interlocked.Increment(ref count);
                }
                else
                {
                    Interlocked.Increment(ref _failures);
                }
            }
        }, cancellationToken)));
        return new Rate(count, Stopwatch.GetElapsedTime(start));
    }

    private async Task<Rate> FetchAckAsync(long available, int batch, TimeSpan limit, CancellationToken cancellationToken)
    {
        var consumer = await js.CreateOrUpdateConsumerAsync(Stream, new ConsumerConfig(Consumer)
        {
            DurableName = Consumer,
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            MaxAckPending = batch * 4,
        }, cancellationToken);
        long count = 0;
        var start = Stopwatch.GetTimestamp();
        var opts = new NatsJSFetchOpts { MaxMsgs = batch, Expires = TimeSpan.FromSeconds(2) };
        while (count < available && Stopwatch.GetElapsedTime(start) < limit)
        {
            await foreach (var message in consumer.FetchAsync<byte[]>(opts, cancellationToken: cancellationToken))
            {
                await message.AckAsync(cancellationToken: cancellationToken);
                count++;
            }
        }

        return new Rate(count, Stopwatch.GetElapsedTime(start));
    }

    private readonly record struct Rate(long Count, TimeSpan Elapsed)
    {
        public double PerSecond => Math.Round(Count / Math.Max(Elapsed.TotalSeconds, 0.001), 1);
    }
}
