using System.Globalization;
using FunctionsOrders.Contracts.Security;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// The settings each process of one system starts with: what the harness wires (NATS, storage, the simulator, the
/// function key, the bridge's routes), then <see cref="SystemUnderTestOptions.AllServices"/>, then the options of
/// that process, each layer replacing what the one before set.
/// </summary>
internal sealed class SystemSettings(SystemUnderTestOptions options, string functionKey, string natsUrl, int replicas, string storage)
{
    private static readonly (string Route, string Stream, string FilterSubject, string Path)[] RouteTargets =
    [
        ("payments", "ORDERS", "orders.created.>", "api/internal/payments"),
        ("payment-status", "PAYMENTS", "payments.processed.>", "api/internal/order-events"),
    ];

    public string LedgerTable => "payments" + options.TopologyPrefix;

    /// <summary>The environment of <c>NatsBridge topology apply</c>, connected as the topology user.</summary>
    public Dictionary<string, string> TopologyApply() => Telemetry.OffUnless(options.AllServices, Nats(NatsUserNames.Topology));

    public Dictionary<string, string> Simulator() => Telemetry.OffUnless(options.AllServices, options.Simulator);

    /// <summary>The environment of a local Functions host (its app's settings go to <see cref="Orders"/> and <see cref="Payments"/>).</summary>
    public Dictionary<string, string> Host() => Telemetry.OffUnless(options.AllServices, new Dictionary<string, string> { ["FunctionsHost__FunctionKey"] = functionKey });

    public Dictionary<string, string> Orders()
    {
        var auth = Auth();
        if (options.Jwt is { } jwt)
        {
            auth["Auth__Customers__Authority"] = jwt.Authority;
            auth["Auth__Customers__Audience"] = jwt.CustomerAudience;
        }

        return Telemetry.OffUnless(App(NatsUserNames.Orders), auth, options.AllServices, options.Orders);
    }

    public Dictionary<string, string> Payments(Uri simulator) => Telemetry.OffUnless(
        App(NatsUserNames.Payments),
        new Dictionary<string, string>
        {
            ["Payments__Provider__BaseUrl"] = simulator.ToString().TrimEnd('/'),
            ["Payments__Ledger__TableName"] = LedgerTable,
            // Azurite has no partitions to spread: one keeps a batch's ledger rows in one transaction.
            ["Payments__Ledger__PartitionCount"] = "1",
        },
        Auth(), options.AllServices, options.Payments);

    /// <summary>The bridge's environment: its two routes, to the payments and order-events endpoints of the apps at <paramref name="orders"/> and <paramref name="payments"/>.</summary>
    public Dictionary<string, string> Bridge(Uri orders, Uri payments)
    {
        var routes = new Dictionary<string, string>();
        foreach (var (route, stream, filterSubject, path) in RouteTargets)
        {
            var key = $"Bridge__Routes__{route}__";
            routes[key + "Stream"] = stream;
            routes[key + "FilterSubject"] = filterSubject;
            routes[key + "Url"] = new Uri(route == "payments" ? payments : orders, path).ToString();
            routes[key + "FunctionKey"] = functionKey;
            if (options.Jwt is { } jwt)
            {
                routes[key + "TokenScope"] = jwt.InternalAudience + "/.default";
            }

            foreach (var (name, value) in route == "payments" ? options.Routes.Concat(options.PaymentsRoute) : options.Routes)
            {
                routes[key + name] = value;
            }
        }

        var identity = options.Jwt is { } auth
            ? new Dictionary<string, string> { ["IDENTITY_ENDPOINT"] = auth.IdentityEndpoint, ["IDENTITY_HEADER"] = auth.IdentityHeader }
            : [];
        return Telemetry.OffUnless(options.AllServices, Nats(NatsUserNames.Bridge), routes, identity, options.Bridge);
    }

    /// <summary>The environment of <c>NatsBridge replay</c>, which connects as the bridge's user.</summary>
    public Dictionary<string, string> Replay() => Telemetry.OffUnless(options.AllServices, Nats(NatsUserNames.Bridge), options.Bridge);

    /// <summary>What a function app connects and stores with, as <c>func start</c> reads it from <c>local.settings.json</c>.</summary>
    private Dictionary<string, string> App(string user) => new(Nats(user))
    {
        ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
        ["AzureWebJobsStorage"] = storage,
    };

    /// <summary>The NATS address and topology of every component, and the user it connects as when users are given.</summary>
    private Dictionary<string, string> Nats(string user)
    {
        var settings = new Dictionary<string, string>
        {
            ["Nats__Url"] = natsUrl,
            ["Topology__Replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
            ["Topology__Prefix"] = options.TopologyPrefix,
        };
        if (options.NatsPasswords is { } passwords)
        {
            settings["Nats__User"] = user;
            settings["Nats__Password"] = passwords[user];
        }

        return settings;
    }

    /// <summary>The internal routes' authentication both apps share, in Jwt mode.</summary>
    private Dictionary<string, string> Auth() => options.Jwt is not { } jwt
        ? []
        : new()
        {
            ["Auth__Mode"] = "Jwt",
            ["Auth__RequireHttpsMetadata"] = "false",
            ["Auth__Internal__Authority"] = jwt.Authority,
            ["Auth__Internal__Audience"] = jwt.InternalAudience,
            ["Auth__Internal__AllowedCallers__0"] = jwt.AllowedCaller,
        };
}
