using System.Diagnostics;
using FunctionsOrders.Contracts.Topology;
using NATS.Client.JetStream;

namespace FunctionsOrders.LoadGen.Harness;

/// <summary>Messages the bridge's durable consumers have not settled yet.</summary>
internal static class Backlog
{
    /// <summary>Waits until every consumer of the system has nothing pending or unacked, up to <paramref name="limit"/>; returns what is left.</summary>
    public static async Task<long> WaitEmptyAsync(INatsJSContext js, JetStreamTopology topology, TimeSpan limit, TextWriter output, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            long left = 0;
            foreach (var consumer in topology.DefaultConsumers())
            {
                var info = (await js.GetConsumerAsync(consumer.Stream, consumer.Name, cancellationToken)).Info;
                left += (long)info.NumPending + info.NumAckPending;
            }

            if (left == 0 || Stopwatch.GetElapsedTime(start) >= limit)
            {
                return left;
            }

            output.WriteLine($"  backlog: {left} message(s) not yet settled by the bridge");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
