using System.Security.Cryptography;

namespace FunctionsOrders.AppHost;

/// <summary>
/// NATS credentials and the function key shared by the function apps and the bridge: from the parameters
/// <c>Parameters:nats-user</c>, <c>Parameters:nats-password</c> and <c>Parameters:function-key</c> when set,
/// otherwise generated for this run.
/// </summary>
internal sealed record LocalSecrets(
    IResourceBuilder<ParameterResource> NatsUser,
    IResourceBuilder<ParameterResource> NatsPassword,
    IResourceBuilder<ParameterResource> FunctionKey)
{
    public string NatsUserValue { get; private init; } = "";

    public string NatsPasswordValue { get; private init; } = "";

    public static LocalSecrets Add(IDistributedApplicationBuilder builder)
    {
        var user = Value(builder, "nats-user", () => "functions-orders");
        var password = Value(builder, "nats-password", Generate);
        var key = Value(builder, "function-key", Generate);
        return new LocalSecrets(
            builder.AddParameter("nats-user", user),
            builder.AddParameter("nats-password", password, secret: true),
            builder.AddParameter("function-key", key, secret: true))
        {
            NatsUserValue = user,
            NatsPasswordValue = password,
        };
    }

    private static string Value(IDistributedApplicationBuilder builder, string name, Func<string> fallback) =>
        builder.Configuration[$"Parameters:{name}"] is { Length: > 0 } configured ? configured : fallback();

    private static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
