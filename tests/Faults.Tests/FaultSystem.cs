using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Faults.Tests;

/// <summary>
/// The whole system as the fault scenarios run it: a <see cref="SystemUnderTest"/> whose clients reconnect to NATS
/// within half a second, whose order API gives up a publish after 3 s, and whose bridge fetches for 2 s at a time,
/// so that a scenario sees the effect of a fault within its deadline. A scenario's own settings go on top.
/// </summary>
internal static class FaultSystem
{
    private static readonly Dictionary<string, string> FastReconnect = new()
    {
        ["Nats__ReconnectWaitMin"] = "00:00:00.100",
        ["Nats__ReconnectWaitMax"] = "00:00:00.500",
    };

    private static readonly Dictionary<string, string> ShortPublishDeadline = new()
    {
        ["Nats__Publish__Deadline"] = "00:00:03",
        ["Nats__Publish__AttemptTimeout"] = "00:00:01",
    };

    private static readonly Dictionary<string, string> ShortFetches = new() { ["FetchExpires"] = "00:00:02" };

    public static Task<SystemUnderTest> StartAsync(SystemUnderTestOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SystemUnderTestOptions();
        return SystemUnderTest.StartAsync(
            options with
            {
                Orders = Under(options.Orders, FastReconnect, ShortPublishDeadline),
                Payments = Under(options.Payments, FastReconnect),
                Bridge = Under(options.Bridge, FastReconnect),
                Routes = Under(options.Routes, ShortFetches),
            },
            cancellationToken);
    }

    /// <summary><paramref name="defaults"/> merged, with <paramref name="settings"/> on top.</summary>
    private static Dictionary<string, string> Under(Dictionary<string, string> settings, params Dictionary<string, string>[] defaults)
    {
        var merged = new Dictionary<string, string>();
        foreach (var (key, value) in defaults.Append(settings).SelectMany(d => d))
        {
            merged[key] = value;
        }

        return merged;
    }
}
