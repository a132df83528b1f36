using System.Text;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>Order bodies built from raw JSON fragments, so any member can be given any text, valid or not.</summary>
internal static class OrderJsonText
{
    public const string Json = "application/json";

    public const string CustomerId = "\"cust-42\"";
    public const string Currency = "\"EUR\"";

    public static string Line(string sku = "\"SKU-1\"", string quantity = "2", string unitPrice = "19.99") =>
        $$"""{"sku":{{sku}},"quantity":{{quantity}},"unitPrice":{{unitPrice}}}""";

    public static string Items(params string[] lines) => "[" + string.Join(",", lines) + "]";

    public static string Order(string customerId = CustomerId, string currency = Currency, string? items = null) =>
        $$"""{"customerId":{{customerId}},"currency":{{currency}},"items":{{items ?? Items(Line())}}}""";

    /// <summary>A valid order, a few lines long and with non-ASCII text, to truncate.</summary>
    public static string Rich() =>
        Order("\"cust-\u00FC-42\"", "\"JPY\"", Items(Line("\"SKU-\u00E9\u20AC\"", "3", "1500"), Line("\"SKU-2\"", "1", "99")));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>UTF-8 of <paramref name="before"/>, the raw <paramref name="bytes"/>, then UTF-8 of <paramref name="after"/>.</summary>
    public static byte[] Splice(string before, byte[] bytes, string after) => [.. Utf8(before), .. bytes, .. Utf8(after)];
}
