using System.Diagnostics;
using NATS.Client.Core;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>The activity source of the shared messaging code, and W3C context in NATS headers.</summary>
public static class MessagingTelemetry
{
    /// <summary>Name of the activity source; hosts add it to their tracer.</summary>
    public const string ActivitySourceName = "FunctionsOrders.Messaging";

    /// <summary>The activity source for publish spans.</summary>
    public static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>Writes the context of <paramref name="activity"/> (traceparent, tracestate) into <paramref name="headers"/>.</summary>
    public static void Inject(Activity? activity, NatsHeaders headers)
    {
        if (activity is null)
        {
            return;
        }

        DistributedContextPropagator.Current.Inject(activity, headers, static (carrier, name, value) =>
        {
            if (carrier is NatsHeaders h && value is not null)
            {
                h[name] = value;
            }
        });
    }

    /// <summary>Starts a producer span for publishing to <paramref name="subject"/>, following the messaging conventions.</summary>
    public static Activity? StartPublish(string subject, string messageId)
    {
        var activity = Source.StartActivity("publish " + subject, ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "nats");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.operation.name", "publish");
            activity.SetTag("messaging.destination.name", subject);
            activity.SetTag("messaging.message.id", messageId);
        }

        return activity;
    }
}
