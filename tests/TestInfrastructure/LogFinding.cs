namespace FunctionsOrders.TestInfrastructure;

/// <summary>Something in a log that must not be there.</summary>
/// <param name="Source">The log file (or other source) it was found in.</param>
/// <param name="Line">Line number, from 1.</param>
/// <param name="What">Which secret, or "card-like number".</param>
/// <param name="Excerpt">The line around the finding with the finding itself masked, so a report does not repeat it.</param>
public sealed record LogFinding(string Source, int Line, string What, string Excerpt)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path.GetFileName(Source)}:{Line}: {What}: {Excerpt}";
}
