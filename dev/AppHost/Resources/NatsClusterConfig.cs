namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// The configuration file of one node of the local JetStream cluster: the clients' auth file included, the node's
/// name, ports and store, and routes to every node of the cluster. Routes authenticate with the same user and
/// password as clients (a route connection sees every message, so it must not be open to anyone on the machine);
/// the file holds them in the route URLs, so it is readable by the owner only.
/// </summary>
internal static class NatsClusterConfig
{
    public const string ClusterName = "functions-orders";

    /// <summary>
    /// Writes <c>&lt;name&gt;.conf</c> next to the auth file and returns its path. <paramref name="cluster"/> holds every
    /// node, this one included: a server ignores its route to itself, and on its first start it sizes the JetStream
    /// meta group by the number of routes (with only the two others it would start as a group of two).
    /// </summary>
    public static string Write(
        string runDirectory,
        string name,
        NatsNodePorts node,
        IEnumerable<NatsNodePorts> cluster,
        string store,
        string user,
        string password)
    {
        var credentials = $"{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}";
        var routes = string.Join(", ", cluster.Select(other => NatsAuthFile.Quote($"nats-route://{credentials}@{other.RouteAddress}")));
        string[] lines =
        [
            "# Written by the AppHost at each start.",
            $"include {NatsAuthFile.Quote(NatsAuthFile.FileName)}",
            $"server_name: {NatsAuthFile.Quote(name)}",
            $"listen: {NatsAuthFile.Quote($"{Ports.Host}:{node.Client}")}",
            $"http: {NatsAuthFile.Quote($"{Ports.Host}:{node.Monitor}")}",
            $"jetstream {{ store_dir: {NatsAuthFile.Quote(store)} }}",
            "cluster {",
            $"  name: {NatsAuthFile.Quote(ClusterName)}",
            $"  listen: {NatsAuthFile.Quote(node.RouteAddress)}",
            $"  authorization {{ user: {NatsAuthFile.Quote(user)}, password: {NatsAuthFile.Quote(password)} }}",
            $"  routes: [ {routes} ]",
            "}",
        ];
        var path = Path.Combine(runDirectory, $"{name}.conf");
        NatsAuthFile.WriteOwnerOnly(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
