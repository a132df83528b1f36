using System.Security.Cryptography;
using FunctionsOrders.Contracts.Security;

namespace FunctionsOrders.AppHost;

/// <summary>
/// The secrets of a local run, each from its parameter when set, otherwise generated for this run: one NATS password
/// per user of <see cref="NatsUserNames"/> (<c>Parameters:nats-orders-password</c>, <c>…-payments-…</c>,
/// <c>…-bridge-…</c>, <c>…-topology-…</c>), the user and password the cluster's nodes route with
/// (<c>Parameters:nats-user</c>, <c>Parameters:nats-password</c>), and the function key shared by the function apps
/// and the bridge (<c>Parameters:function-key</c>).
/// </summary>
internal sealed record LocalSecrets(
    IReadOnlyDictionary<string, IResourceBuilder<ParameterResource>> NatsPasswords,
    IResourceBuilder<ParameterResource> FunctionKey)
{
    /// <summary>The NATS password of each user.</summary>
    public IReadOnlyDictionary<string, string> NatsPasswordValues { get; private init; } = new Dictionary<string, string>();

    /// <summary>User the cluster's nodes route with.</summary>
    public string RouteUserValue { get; private init; } = "";

    /// <summary>Password of <see cref="RouteUserValue"/>.</summary>
    public string RoutePasswordValue { get; private init; } = "";

    public static LocalSecrets Add(IDistributedApplicationBuilder builder)
    {
        var passwords = new Dictionary<string, IResourceBuilder<ParameterResource>>(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in NatsUserNames.All)
        {
            var name = $"nats-{user}-password";
            values[user] = Value(builder, name, Generate);
            passwords[user] = builder.AddParameter(name, values[user], secret: true);
        }

        var key = Value(builder, "function-key", Generate);
        return new LocalSecrets(passwords, builder.AddParameter("function-key", key, secret: true))
        {
            NatsPasswordValues = values,
            RouteUserValue = Value(builder, "nats-user", () => "functions-orders"),
            RoutePasswordValue = Value(builder, "nats-password", Generate),
        };
    }

    private static string Value(IDistributedApplicationBuilder builder, string name, Func<string> fallback) =>
        builder.Configuration[$"Parameters:{name}"] is { Length: > 0 } configured ? configured : fallback();

    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
