namespace FunctionsOrders.Security.Tests;

/// <summary>Tests that start a whole <see cref="LoggedSystem"/>: one at a time, since each runs every process of the system.</summary>
[CollectionDefinition(Name)]
public sealed class LoggedSystemCollection
{
    public const string Name = "logged-system";
}
