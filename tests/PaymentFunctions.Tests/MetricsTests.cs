using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.PaymentFunctions.Telemetry;
using FunctionsOrders.TestInfrastructure;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsOrders.PaymentFunctions.Tests;

[Collection(PaymentsCollection.Name)]
public sealed class MetricsTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Payments_are_counted_by_outcome_status_and_reason_and_provider_calls_are_timed()
    {
        using var timeout = TestTimeout.Start();
        await using var scenario = await PaymentScenario.StartAsync(nats, azurite, timeout.Token);
        var services = scenario.App.Services;
        _ = services.GetRequiredService<PaymentMetrics>();
        var meter = services.GetRequiredService<IMeterFactory>().Create(PaymentTelemetry.Name);
        var messages = new ConcurrentBag<string>();
        var providerCalls = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (ReferenceEquals(instrument.Meter, meter))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            messages.Add(string.Join("/", tags.ToArray().Select(t => t.Value))));
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref providerCalls));
        listener.Start();
        var (good, declined) = (Batches.Order(), Batches.Order("decline-3"));
        var batch = Batches.Raw(scenario.App.Topology,
            ("garbage", ByteString.CopyFromUtf8("garbage")),
            (good.OrderId, good.ToByteString()),
            (declined.OrderId, declined.ToByteString()));

        await scenario.App.Handler.HandleAsync(batch, timeout.Token);

        Assert.Equal(
            ["ack/Declined/card_declined", "ack/Succeeded/", "reject//" + OutcomeReasons.InvalidPayload],
            messages.Order(StringComparer.Ordinal));
        Assert.Equal(2, Volatile.Read(ref providerCalls));
    }
}
