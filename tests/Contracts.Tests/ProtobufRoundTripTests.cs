using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace FunctionsOrders.Contracts.Tests;

public sealed class ProtobufRoundTripTests
{
    private static readonly Money Amount = new() { CurrencyCode = "EUR", Units = 39, Nanos = 980_000_000 };

    private static readonly LineItem Item = new() { Sku = "SKU-1", Quantity = 2, UnitPrice = new Money { CurrencyCode = "EUR", Units = 19, Nanos = 990_000_000 } };

    private static readonly DispatchMessage Message = new()
    {
        StreamSequence = 42,
        Subject = "orders.created.0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10",
        DeliveryCount = 3,
        Headers = { new Header { Name = "Nats-Msg-Id", Value = "0d9c6a9e" }, new Header { Name = "traceparent", Value = "00-aa-bb-01" } },
        Payload = ByteString.CopyFrom(1, 2, 3, 0, 255),
        PublishedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)),
        UnansweredDispatches = 2,
    };

    /// <summary>One fully populated sample of every message the contracts define.</summary>
    public static TheoryData<IMessage> Samples() => new()
    {
        Amount,
        Item,
        new OrderCreated
        {
            OrderId = "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10",
            CustomerId = "cust-42",
            Items = { Item, new LineItem { Sku = "SKU-2", Quantity = 1000, UnitPrice = Amount } },
            Total = Amount,
            CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)),
            IdempotencyKey = "key-1",
        },
        new PlaceOrderRequest { CustomerId = "cust-42", CurrencyCode = "EUR", Items = { Item } },
        new PaymentProcessed
        {
            OrderId = "0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10",
            PaymentId = "ch_1",
            Status = PaymentStatus.Declined,
            FailureReason = "card_declined",
            Amount = Amount,
            ProcessedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, 12, 0, 1, TimeSpan.Zero)),
            OrderCreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)),
            CustomerId = "cust-42",
        },
        new DispatchBatch
        {
            Route = "payments",
            Stream = "ORDERS",
            Consumer = "payments",
            Messages = { Message, Message },
            TimeBudget = Duration.FromTimeSpan(TimeSpan.FromSeconds(9)),
        },
        Message,
        new Header { Name = "tracestate", Value = "k=v" },
        new DispatchResponse
        {
            Outcomes =
            {
                new MessageOutcome { StreamSequence = 42, Outcome = Outcome.Ack },
                new MessageOutcome { StreamSequence = 43, Outcome = Outcome.Retry, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(15)), Reason = "breaker_open" },
                new MessageOutcome { StreamSequence = 44, Outcome = Outcome.Reject, Reason = "invalid_payload" },
            },
        },
        new MessageOutcome { StreamSequence = 7, Outcome = Outcome.Retry, RetryDelay = Duration.FromTimeSpan(TimeSpan.FromMilliseconds(250)), Reason = "provider_timeout" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Message_survives_encode_and_decode_with_every_field(IMessage sample)
    {
        var bytes = sample.ToByteArray();
        var decoded = sample.Descriptor.Parser.ParseFrom(bytes);

        Assert.Equal(sample, decoded);
        foreach (var field in sample.Descriptor.Fields.InFieldNumberOrder())
        {
            Assert.True(IsSet(field, sample), $"{sample.Descriptor.Name}.{field.Name} is not set in the sample, so its round trip is untested.");
        }
    }

    [Fact]
    public void Every_contract_message_has_a_sample()
    {
        var sampled = ((IEnumerable<object[]>)Samples()).Select(row => ((IMessage)row[0]).Descriptor.FullName).ToHashSet();
        var defined = new[] { OrderCreatedReflection.Descriptor, MoneyReflection.Descriptor, PaymentProcessedReflection.Descriptor, PlaceOrderRequestReflection.Descriptor, DispatchReflection.Descriptor }
            .SelectMany(file => file.MessageTypes)
            .Select(message => message.FullName);

        Assert.All(defined, name => Assert.Contains(name, sampled));
    }

    [Fact]
    public void Unknown_fields_from_a_newer_writer_are_kept()
    {
        var newer = new OrderCreated { OrderId = "o-1" }.ToByteArray().Concat(new byte[] { 0xF8, 0x06, 0x01 }).ToArray(); // field 111, varint 1
        var decoded = OrderCreated.Parser.ParseFrom(newer);

        Assert.Equal("o-1", decoded.OrderId);
        Assert.Equal(newer, decoded.ToByteArray());
    }

    private static bool IsSet(FieldDescriptor field, IMessage message)
    {
        var value = field.Accessor.GetValue(message);
        return value switch
        {
            null => false,
            System.Collections.IList list => list.Count > 0,
            string s => s.Length > 0,
            ByteString b => b.Length > 0,
            IMessage => true,
            System.Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) != 0,
            _ => !value.Equals(Activator.CreateInstance(value.GetType())),
        };
    }
}
