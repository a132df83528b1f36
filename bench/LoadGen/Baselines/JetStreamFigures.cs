namespace FunctionsOrders.LoadGen.Baselines;

/// <summary>What plain NATS.Net gets from the same nats-server (or cluster): publishes with PubAck, and fetch + ack on a pull consumer.</summary>
internal sealed record JetStreamFigures(double SerialPerS, double PipelinedPerS, int Window, double FetchAckPerS, int FetchBatch, int PayloadBytes, long Failures)
{
    /// <summary>Replicas of the benchmark's stream.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>The server that led the stream when it was created, as the server reported it.</summary>
    public string? StreamLeader { get; init; }

    /// <summary>The server the client was connected to.</summary>
    public string? ClientServer { get; init; }
}
