using System.Net;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>
/// Bodies for a dispatch endpoint (the bridge's <c>DispatchBatch</c>) that no handler may act on: bytes that are
/// not a batch (a 4xx), and batches whose every message is poison (a 200 with a REJECT for each). Random cases
/// come from the seed given; shared by the tests of both function apps.
/// </summary>
internal static class DispatchFuzz
{
    public const string Protobuf = "application/x-protobuf";
    private const int MaxBatchBytes = 16 * 1024 * 1024;

    /// <summary>A message as the bridge sends it, with the given event type (none when null) and payload.</summary>
    public static DispatchMessage Message(ulong sequence, string? eventType, ByteString payload)
    {
        var message = new DispatchMessage
        {
            StreamSequence = sequence,
            Subject = "orders.created.fuzz",
            DeliveryCount = 1,
            Payload = payload,
            PublishedAt = new Timestamp { Seconds = 1_750_000_000 },
        };
        message.Headers.Add(new Header { Name = MessageHeaders.MessageId, Value = $"fuzz-{sequence}" });
        if (eventType is not null)
        {
            message.Headers.Add(new Header { Name = MessageHeaders.EventType, Value = eventType });
        }

        return message;
    }

    /// <summary>Random payloads (1 to 120 bytes) under each of the event types given.</summary>
    public static IEnumerable<(string Name, string? EventType, ByteString Payload)> RandomPayloads(Random random, params string?[] eventTypes)
    {
        foreach (var eventType in eventTypes)
        {
            for (var i = 0; i < 4; i++)
            {
                var bytes = new byte[random.Next(1, 120)];
                random.NextBytes(bytes);
                yield return ($"random payload #{i} as {eventType ?? "(no type)"}", eventType, ByteString.CopyFrom(bytes));
            }
        }
    }

    /// <summary>Every body to send: each poison message alone, all together, the batch cut short, random and malformed bytes, other content types, too large.</summary>
    public static IEnumerable<BadInput> Bodies(int seed, string route, IReadOnlyList<(string Name, string? EventType, ByteString Payload)> poison)
    {
        var random = new Random(seed);
        var messages = poison.Select((p, i) => Message((ulong)i + 1, p.EventType, p.Payload)).ToList();
        for (var i = 0; i < poison.Count; i++)
        {
            yield return Answered($"poison message alone: {poison[i].Name}", Batch(route, messages[i]));
        }

        var all = Batch(route, [.. messages]);
        yield return Answered($"all {messages.Count} poison messages in one batch", all);
        var step = Math.Max(1, all.Length / 40);
        for (var length = 0; length < all.Length; length += step)
        {
            yield return Answered($"the poison batch cut to {length} of {all.Length} bytes", all[..length]);
        }

        for (var i = 0; i < 40; i++)
        {
            var bytes = new byte[random.Next(1, 400)];
            random.NextBytes(bytes);
            yield return Answered($"random bytes #{i}", bytes);
        }

        foreach (var input in Malformed(route))
        {
            yield return input;
        }

        yield return new BadInput("a JSON content type", all, "application/json", HttpStatusCode.UnsupportedMediaType);
        yield return new BadInput("a text content type", all, "text/plain", HttpStatusCode.UnsupportedMediaType);
        yield return Answered("no content type", all, contentType: null);
        yield return new BadInput("one byte over the batch limit, chunked", [0x22], Protobuf, HttpStatusCode.RequestEntityTooLarge, Chunked: true, Length: MaxBatchBytes + 1);
    }

    private static IEnumerable<BadInput> Malformed(string route)
    {
        var valid = Batch(route, Message(1, MessageHeaders.EventType, ByteString.Empty));
        byte[][] bodies =
        [
            [0xFF], [0x22], [0x22, 0xFF, 0xFF, 0xFF, 0xFF, 0x07], [0x22, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            [0x0E, 0x00], [0x0F, 0x00], [0x00], [0x0B], [0x0C], [.. Enumerable.Repeat((byte)0x0B, 150), .. Enumerable.Repeat((byte)0x0C, 150)],
            [0x0A, 0x03, 0x61, 0xFF, 0x62], [0x22, 0x05, 0x12, 0x03, 0xC0, 0x80, 0x61], [0x22, 0x06, 0x22, 0x04, 0x0A, 0x02, 0xED, 0xA0],
            [0x22, 0x03, 0x2A, 0x05, 0x00], [.. valid, .. valid[..^1]], [.. Enumerable.Repeat((byte)0x22, 5000)],
        ];
        for (var i = 0; i < bodies.Length; i++)
        {
            yield return Answered($"malformed batch #{i}", bodies[i]);
        }
    }

    private static byte[] Batch(string route, params DispatchMessage[] messages)
    {
        var batch = new DispatchBatch { Route = route, Stream = "FUZZ", Consumer = route };
        batch.Messages.Add(messages);
        return batch.ToByteArray();
    }

    /// <summary>A body the endpoint must parse (200, every message rejected) or refuse as unparseable (400), as a protobuf parser sees it.</summary>
    private static BadInput Answered(string name, byte[] body, string? contentType = Protobuf)
    {
        var parses = true;
        try
        {
            DispatchBatch.Parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException)
        {
            parses = false;
        }

        return new BadInput(name, body, contentType, parses ? HttpStatusCode.OK : HttpStatusCode.BadRequest);
    }
}
