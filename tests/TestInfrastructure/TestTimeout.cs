namespace FunctionsOrders.TestInfrastructure;

/// <summary>Every test runs under a token that cancels it at its deadline.</summary>
public static class TestTimeout
{
    /// <summary>A token source that cancels after <paramref name="seconds"/> seconds (default 60).</summary>
    public static CancellationTokenSource Start(int seconds = 60) => new(TimeSpan.FromSeconds(seconds));
}
