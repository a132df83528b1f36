using System.Security.Cryptography;
using FunctionsOrders.AppHost.Resources;
using FunctionsOrders.Contracts.Security;
using FunctionsOrders.Contracts.Topology;

namespace FunctionsOrders.Security.Tests;

/// <summary>A password per NATS user, generated as the AppHost generates them, and the auth file the AppHost writes for them.</summary>
internal sealed class NatsUsersForTest
{
    public NatsUsersForTest(string prefix = "", IReadOnlyDictionary<string, string>? passwords = null)
    {
        Prefix = prefix;
        Topology = new JetStreamTopology(new TopologyOptions { Prefix = prefix });
        Permissions = new NatsPermissions(Topology);
        Passwords = passwords ?? NatsUserNames.All.ToDictionary(user => user, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));
    }

    public string Prefix { get; }

    public JetStreamTopology Topology { get; }

    public NatsPermissions Permissions { get; }

    public IReadOnlyDictionary<string, string> Passwords { get; }

    /// <summary>Writes <c>nats-auth.conf</c> into <paramref name="directory"/> with the AppHost's writer; returns its path.</summary>
    public string WriteAuthFile(string directory) => NatsAuthFile.Write(directory, Permissions, Passwords);

    /// <summary>The settings a host connects with as <paramref name="user"/>.</summary>
    public Dictionary<string, string> Settings(string user, string url) => new()
    {
        ["Nats__Url"] = url,
        ["Nats__User"] = user,
        ["Nats__Password"] = Passwords[user],
        ["Topology__Prefix"] = Prefix,
    };
}
