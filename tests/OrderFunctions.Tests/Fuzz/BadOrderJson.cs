using System.Net;
using static FunctionsOrders.OrderFunctions.Tests.Fuzz.OrderJsonText;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>JSON order bodies that are malformed, mistyped, out of range or otherwise invalid; each must get a 400.</summary>
internal static class BadOrderJson
{
    /// <summary>Numbers no field may hold: out of every range, negative zero, or not JSON numbers at all.</summary>
    private static readonly string[] BadNumbers =
    [
        "1e400", "-1e400", "99999999999999999999999", "-99999999999999999999999", "-0", "-0.0", "0", "-1",
        "79228162514264337593543950336", "9223372036854775808", "-9223372036854775809", "1" + new string('0', 400),
        "NaN", "Infinity", "-Infinity", "+1", ".5", "01", "0x10", "1e", "--1",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"2\"", "\"-0\"",
    ];

    /// <summary>Values of the wrong JSON type for a string, array or object member.</summary>
    private static readonly string[] WrongTypes = ["1", "-1.5", "true", "false", "null", "[]", "{}", "[\"a\"]", "{\"a\":1}"];

    /// <summary>Text members with control characters, edge spaces, or unpaired surrogates (as JSON escapes).</summary>
    private static readonly string[] BadText =
    [
        "\"\"", "\"\\u0000\"", "\"a\\u0001b\"", "\"\\u001f\"", "\"c\\n\"", "\"\\t\"", "\"\\u007f\"", "\"\\u0085\"", "\" c\"", "\"c \"",
        "\"\\ud800\"", "\"a\\udfffb\"", "\"" + new string('a', 65) + "\"",
    ];

    /// <summary>Bytes that are not UTF-8: lone and overlong sequences, surrogates, truncations, beyond U+10FFFF.</summary>
    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0x80], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    public static IEnumerable<BadInput> All() =>
        Malformed().Concat(Numbers()).Concat(Types()).Concat(Text()).Concat(Utf8Bytes()).Concat(Members()).Concat(Overflow());

    private static BadInput Bad(string name, string json) => new(name, Utf8(json), Json, HttpStatusCode.BadRequest);

    private static BadInput Bad(string name, byte[] body) => new(name, body, Json, HttpStatusCode.BadRequest);

    private static IEnumerable<BadInput> Malformed()
    {
        string[] bodies =
        [
            "", " ", "\n\t", "null", "[]", "\"order\"", "0", "true", "{}", "{", "}", "{}}", "{} {}", "[{}]",
            Order() + " x", Order() + Order(), Order().Replace("}]}", "},]}", StringComparison.Ordinal), Order().TrimEnd('}') + ",}",
            Order().Replace("\"currency\"", "currency", StringComparison.Ordinal), Order().Replace('"', '\''),
            "/* c */" + Order(), Order().Replace(",\"currency\"", "//c\n,\"currency\"", StringComparison.Ordinal),
            Order().Replace(":", "=", StringComparison.Ordinal), Order().Replace("\"EUR\"", "\"EUR", StringComparison.Ordinal),
            Order().Replace("\"EUR\"", "\"E\u0001UR\"", StringComparison.Ordinal), Order().Replace("\"EUR\"", "\"E\\xUR\"", StringComparison.Ordinal),
            Order().Replace("\"EUR\"", "\"E\\u12\"", StringComparison.Ordinal), "\uFEFF", "\uFEFF\uFEFF" + Order(),
        ];
        for (var i = 0; i < bodies.Length; i++)
        {
            yield return Bad($"malformed #{i}", bodies[i]);
        }

        foreach (var depth in new[] { 9, 10, 64, 65, 1000, 20_000 })
        {
            yield return Bad($"arrays nested {depth} deep in items", Order(items: new string('[', depth) + new string(']', depth)));
            // Six bytes a level: deeper would pass the body limit and be a 413.
            yield return Bad($"objects nested {Math.Min(depth, 5000)} deep in customerId", Order(Nest(Math.Min(depth, 5000))));
            yield return Bad($"arrays nested {depth} deep at the root", new string('[', depth) + new string(']', depth));
        }

        yield return Bad("objects nested 9 deep in a line's sku", Order(items: Items(Line(sku: Nest(9)))));
    }

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static IEnumerable<BadInput> Numbers()
    {
        foreach (var number in BadNumbers)
        {
            yield return Bad($"quantity {number}", Order(items: Items(Line(quantity: number))));
            yield return Bad($"unitPrice {number}", Order(items: Items(Line(unitPrice: number))));
        }

        foreach (var number in new[] { "1.5", "2.0", "1001", "2147483648", "1e3" })
        {
            yield return Bad($"quantity {number}", Order(items: Items(Line(quantity: number))));
        }

        foreach (var number in new[] { "1e-400", "19.999", "0.001", "1e-3", "-19.99" })
        {
            yield return Bad($"unitPrice {number}", Order(items: Items(Line(unitPrice: number))));
        }

        yield return Bad("JPY unitPrice with decimals", Order(currency: "\"JPY\"", items: Items(Line(unitPrice: "1.5"))));
    }

    private static IEnumerable<BadInput> Types()
    {
        foreach (var value in WrongTypes)
        {
            yield return Bad($"customerId {value}", Order(customerId: value));
            yield return Bad($"currency {value}", Order(currency: value));
            yield return Bad($"items {value}", Order(items: value));
            yield return Bad($"line {value}", Order(items: Items(value)));
            yield return Bad($"sku {value}", Order(items: Items(Line(sku: value))));
            if (value != "1")
            {
                // 1 is a valid quantity and price.
                yield return Bad($"quantity {value}", Order(items: Items(Line(quantity: value))));
                yield return Bad($"unitPrice {value}", Order(items: Items(Line(unitPrice: value))));
            }
        }

        yield return Bad("items an object", Order(items: Line()));
        yield return Bad("items a string", Order(items: "\"" + Line().Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
    }

    private static IEnumerable<BadInput> Text()
    {
        foreach (var text in BadText)
        {
            yield return Bad($"customerId {text}", Order(customerId: text));
            yield return Bad($"sku {text}", Order(items: Items(Line(sku: text))));
        }

        foreach (var currency in new[] { "\"eur\"", "\"EURO\"", "\"XXX\"", "\"E\\u0000R\"", "\" EUR\"", "\"\\u0045UR \"" })
        {
            yield return Bad($"currency {currency}", Order(currency: currency));
        }

        for (var c = 0; c < 0x20; c += 3)
        {
            yield return Bad($"raw control character 0x{c:X2} in customerId", Splice("{\"customerId\":\"c", [(byte)c], "\",\"currency\":\"EUR\",\"items\":" + Items(Line()) + "}"));
        }
    }

    private static IEnumerable<BadInput> Utf8Bytes()
    {
        for (var i = 0; i < InvalidUtf8.Length; i++)
        {
            var bytes = InvalidUtf8[i];
            var hex = Convert.ToHexString(bytes);
            yield return Bad($"invalid UTF-8 {hex} in customerId", Splice("{\"customerId\":\"cust", bytes, "\",\"currency\":\"EUR\",\"items\":" + Items(Line()) + "}"));
            yield return Bad($"invalid UTF-8 {hex} in sku", Splice("{\"customerId\":\"c\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"S", bytes, "\",\"quantity\":1,\"unitPrice\":1}]}"));
            yield return Bad($"invalid UTF-8 {hex} in a member name", Splice("{\"customerId\":\"c\",\"curr", bytes, "ency\":\"EUR\",\"items\":" + Items(Line()) + "}"));
            yield return Bad($"invalid UTF-8 {hex} between members", Splice("{\"customerId\":\"c\",", bytes, "\"currency\":\"EUR\",\"items\":" + Items(Line()) + "}"));
        }
    }

    private static IEnumerable<BadInput> Members()
    {
        yield return Bad("duplicate customerId", Order().Replace("{\"customerId\":\"cust-42\"", "{\"customerId\":\"a\",\"customerId\":\"cust-42\"", StringComparison.Ordinal));
        yield return Bad("duplicate currency", Order().Replace("\"currency\":\"EUR\"", "\"currency\":\"XXX\",\"currency\":\"EUR\"", StringComparison.Ordinal));
        yield return Bad("duplicate items", Order().TrimEnd('}') + ",\"items\":" + Items(Line()) + "}");
        yield return Bad("duplicate quantity in a line", Order(items: Items(Line(quantity: "1000,\"quantity\":2"))));
        yield return Bad("duplicate unitPrice in a line", Order(items: Items(Line(unitPrice: "0.01,\"unitPrice\":19.99"))));
        yield return Bad("duplicate sku in a line", Order(items: Items(Line(sku: "\"A\",\"sku\":\"B\""))));
        foreach (var name in new[] { "coupon", "CustomerId", "customerid", "$type", "$id", "$ref", "__proto__", "constructor", "", "items ", new string('n', 300) })
        {
            yield return Bad($"unknown member '{name[..Math.Min(name.Length, 20)]}'", Order().TrimEnd('}') + $",\"{name}\":1}}");
        }

        yield return Bad("unknown member in a line", Order(items: Items(Line(unitPrice: "19.99,\"discount\":5"))));
        yield return Bad("missing customerId", $$"""{"currency":"EUR","items":{{Items(Line())}}}""");
        yield return Bad("missing currency", $$"""{"customerId":"c","items":{{Items(Line())}}}""");
        yield return Bad("missing items", """{"customerId":"c","currency":"EUR"}""");
        yield return Bad("missing sku", Order(items: """[{"quantity":2,"unitPrice":19.99}]"""));
        yield return Bad("missing quantity", Order(items: """[{"sku":"S","unitPrice":19.99}]"""));
        yield return Bad("missing unitPrice", Order(items: """[{"sku":"S","quantity":2}]"""));
        yield return Bad("empty items", Order(items: "[]"));
        yield return Bad("101 items", Order(items: Items([.. Enumerable.Repeat(Line(), 101)])));
        yield return Bad("1000 items", Order(items: Items([.. Enumerable.Repeat("""{"sku":"S","quantity":1,"unitPrice":1}""", 1000)])));
    }

    private static IEnumerable<BadInput> Overflow()
    {
        yield return Bad("line total over int64 minor units", Order(items: Items(Line(quantity: "1000", unitPrice: "92233720368547758"))));
        yield return Bad("two lines at int64 max minor units", Order(items: Items(Line(quantity: "1", unitPrice: "92233720368547758.07"), Line(quantity: "1", unitPrice: "0.01"))));
        yield return Bad("unit price one minor unit over int64", Order(items: Items(Line(quantity: "1", unitPrice: "92233720368547758.08"))));
        yield return Bad("JPY unit price at int64 max, twice", Order(currency: "\"JPY\"", items: Items(Line(quantity: "2", unitPrice: "9223372036854775807"))));
        yield return Bad("KWD unit price one over int64 minor units", Order(currency: "\"KWD\"", items: Items(Line(quantity: "1", unitPrice: "9223372036854775.808"))));
        yield return Bad("100 lines whose sum overflows only at the end",
            Order(items: Items([.. Enumerable.Repeat(Line(quantity: "1000", unitPrice: "922337203685.48"), 100)])));
        yield return Bad("100 lines at 1e15 each", Order(items: Items([.. Enumerable.Repeat(Line(quantity: "1000", unitPrice: "1000000000000000"), 100)])));
        yield return Bad("unit price beyond decimal", Order(items: Items(Line(quantity: "1", unitPrice: "79228162514264337593543950335.5"))));
        yield return Bad("unit price at decimal max", Order(items: Items(Line(quantity: "1", unitPrice: "79228162514264337593543950335"))));
        yield return Bad("unit price of 1e27, whose cents pass decimal max", Order(items: Items(Line(quantity: "1", unitPrice: "1000000000000000000000000000"))));
        yield return Bad("KWD unit price of 1e26, whose fils pass decimal max", Order(currency: "\"KWD\"", items: Items(Line(quantity: "1", unitPrice: "100000000000000000000000000"))));
    }
}
