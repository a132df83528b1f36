using System.Collections.Frozen;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>The ISO 4217 currencies the service accepts, with their number of minor-unit digits.</summary>
internal static class Currencies
{
    private static readonly FrozenDictionary<string, int> MinorDigits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AUD"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HUF"] = 2,
        ["JPY"] = 0, ["KRW"] = 0, ["KWD"] = 3, ["NOK"] = 2, ["NZD"] = 2, ["PLN"] = 2, ["SEK"] = 2, ["USD"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The supported codes, for error messages.</summary>
    public static string Supported { get; } = string.Join(", ", MinorDigits.Keys.Order(StringComparer.Ordinal));

    /// <summary>Minor-unit digits of <paramref name="code"/>, or false when it is not supported.</summary>
    public static bool TryGetMinorDigits(string? code, out int digits)
    {
        digits = 0;
        return code is not null && MinorDigits.TryGetValue(code, out digits);
    }
}
