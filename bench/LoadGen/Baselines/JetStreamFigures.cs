namespace FunctionsOrders.LoadGen.Baselines;

/// <summary>What plain NATS.Net gets from the same nats-server: publishes with PubAck, and fetch + ack on a pull consumer.</summary>
internal sealed record JetStreamFigures(double SerialPerS, double PipelinedPerS, int Window, double FetchAckPerS, int FetchBatch, int PayloadBytes, long Failures);
