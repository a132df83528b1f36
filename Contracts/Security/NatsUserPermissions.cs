namespace FunctionsOrders.Contracts.Security;

/// <summary>What one NATS user may do: the subjects it may publish to and subscribe to; everything else is denied.</summary>
/// <param name="User">User name.</param>
/// <param name="Publish">Subjects (wildcards allowed) the user may publish to, JetStream API calls included.</param>
/// <param name="Subscribe">Subjects the user may subscribe to.</param>
public sealed record NatsUserPermissions(string User, IReadOnlyList<string> Publish, IReadOnlyList<string> Subscribe);
