using System.Net;
using System.Net.Sockets;
using FunctionsOrders.AppHost.Resources;

namespace FunctionsOrders.AppHost;

/// <summary>
/// The fixed loopback ports a local run listens on, checked before anything starts: a port another process holds
/// would otherwise show up a minute later as a resource that never gets healthy, far from its cause.
/// </summary>
internal static class FixedPorts
{
    /// <summary>Every fixed port of a run with <paramref name="natsServers"/> NATS servers, with what listens there.</summary>
    public static IReadOnlyList<(int Port, string Owner)> Of(int natsServers)
    {
        var ports = new List<(int, string)>
        {
            (Ports.OrderFunctions, "order-functions (the order API)"),
            (Ports.PaymentFunctions, "payment-functions"),
            (Ports.PaymentProvider, "payment-provider (the simulator)"),
            (Ports.NatsBridge, "nats-bridge"),
            (Ports.AzuriteBlob, "azurite (blob)"),
            (Ports.AzuriteQueue, "azurite (queue)"),
            (Ports.AzuriteTable, "azurite (table)"),
            (PortOf("ASPNETCORE_URLS", DashboardDefaults.DashboardUrl), "the Aspire dashboard"),
            (PortOf("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", DashboardDefaults.OtlpUrl), "the dashboard's OTLP endpoint"),
            (PortOf("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", DashboardDefaults.ResourceServiceUrl), "the AppHost's resource service"),
        };
        if (natsServers == 1)
        {
            ports.Add((Ports.Nats, "nats (client)"));
            ports.Add((Ports.NatsMonitor, "nats (monitoring)"));
        }
        else
        {
            for (var node = 1; node <= natsServers; node++)
            {
                var p = Ports.NatsNode(node);
                ports.Add((p.Client, $"nats-{node} (client)"));
                ports.Add((p.Monitor, $"nats-{node} (monitoring)"));
                ports.Add((p.Route, $"nats-{node} (cluster routes)"));
            }
        }

        return ports;
    }

    /// <summary>The ports of <paramref name="ports"/> that another process listens on now.</summary>
    public static IReadOnlyList<(int Port, string Owner)> Taken(IEnumerable<(int Port, string Owner)> ports) =>
        ports.Where(p => !CanListen(p.Port)).ToList();

    /// <summary>What to tell the user about taken ports, one line for each and what to do.</summary>
    public static string Describe(IReadOnlyList<(int Port, string Owner)> taken)
    {
        var lines = taken.Select(t => $"  port {t.Port} on {Ports.Host}, for {t.Owner}, is in use by another process");
        var first = taken[0].Port;
        return "FunctionsOrders cannot start: " + (taken.Count == 1 ? "a port it needs is taken." : $"{taken.Count} ports it needs are taken.")
            + Environment.NewLine + string.Join(Environment.NewLine, lines) + Environment.NewLine
            + $"Stop what holds {(taken.Count == 1 ? "it" : "them")} and start again; an earlier ./run.sh may still be running. "
            + $"To see which process holds a port: ss -ltnp 'sport = :{first}'";
    }

    private static bool CanListen(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Parse(Ports.Host), port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int PortOf(string variable, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        var url = string.IsNullOrEmpty(value) ? fallback : value.Split(';')[0];
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : new Uri(fallback).Port;
    }
}
