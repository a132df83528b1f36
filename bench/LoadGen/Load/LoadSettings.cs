namespace FunctionsOrders.LoadGen.Load;

/// <summary>Limits of an open-loop run.</summary>
/// <param name="MaxInFlight">Requests awaiting an answer at once; a request due while this many are open is not sent and counts as an error.</param>
/// <param name="RequestTimeout">An answer later than this counts as an error (<c>timeout</c>).</param>
/// <param name="ProgressFrom">Runs at least this long print a progress line every second.</param>
internal sealed record LoadSettings(int MaxInFlight, TimeSpan RequestTimeout, TimeSpan ProgressFrom)
{
    public static LoadSettings Default { get; } = new(10_000, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5));
}
