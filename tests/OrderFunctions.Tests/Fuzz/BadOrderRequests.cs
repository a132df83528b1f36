using System.Net;
using FunctionsOrders.Contracts.Orders.V1;
using Google.Protobuf;
using static FunctionsOrders.OrderFunctions.Tests.Fuzz.OrderJsonText;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>
/// Requests refused before or while the body is read: truncations, random bytes, other content types, bodies
/// over the limit, and protobuf bodies that are not a valid order. Random cases come from the seed given.
/// </summary>
internal static class BadOrderRequests
{
    public const string Protobuf = "application/x-protobuf";
    public const int MaxBodyBytes = 64 * 1024;
    private const int TenMegabytes = 10 * 1024 * 1024;

    public static IEnumerable<BadInput> All(int seed) =>
        Truncations().Concat(RandomBytes(new Random(seed))).Concat(ContentTypes()).Concat(Sizes()).Concat(ProtobufBodies(new Random(seed + 1)));

    /// <summary>Valid bodies cut short at every few bytes; none of the prefixes is a whole order.</summary>
    private static IEnumerable<BadInput> Truncations()
    {
        foreach (var (name, body, step) in new[] { ("simple", Utf8(Order()), 3), ("rich", Utf8(Rich()), 4) })
        {
            for (var length = 0; length < body.Length; length += step)
            {
                yield return new BadInput($"{name} order cut to {length} of {body.Length} bytes", body[..length], Json, HttpStatusCode.BadRequest);
            }
        }

        // Fields in reverse order, so that every prefix lacks the customer id even where it ends between fields.
        var proto = ReversedOrder();
        for (var length = 0; length < proto.Length; length += 2)
        {
            yield return new BadInput($"protobuf order cut to {length} of {proto.Length} bytes", proto[..length], Protobuf, HttpStatusCode.BadRequest);
        }
    }

    private static IEnumerable<BadInput> RandomBytes(Random random)
    {
        for (var i = 0; i < 40; i++)
        {
            var body = new byte[random.Next(1, 300)];
            random.NextBytes(body);
            if (i % 2 == 0)
            {
                // Half of them open like an order, so the reader gets past the first byte.
                body = [.. Utf8("{\"customerId\":"), .. body];
            }

            yield return new BadInput($"random bytes #{i}", body, Json, HttpStatusCode.BadRequest);
        }
    }

    /// <summary>A valid JSON order under any other content type (or none) is a 415, never accepted.</summary>
    private static IEnumerable<BadInput> ContentTypes()
    {
        string?[] types =
        [
            null, "", "text/plain", "text/json", "application/xml", "application/json-patch+json", "application/problem+json",
            "application/jsonx", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "application/protobuf", "application/x-protobuffer", "*/*", "json", ";application/json", "application",
        ];
        foreach (var type in types)
        {
            yield return new BadInput($"content type '{type ?? "(none)"}'", Utf8(Order()), type, HttpStatusCode.UnsupportedMediaType);
        }
    }

    private static IEnumerable<BadInput> Sizes()
    {
        var opening = Utf8("{\"customerId\":\"");
        yield return new BadInput("one byte over the limit", opening, Json, HttpStatusCode.RequestEntityTooLarge, Length: MaxBodyBytes + 1);
        yield return new BadInput("one byte over the limit, chunked", opening, Json, HttpStatusCode.RequestEntityTooLarge, Chunked: true, Length: MaxBodyBytes + 1);
        yield return new BadInput("exactly the limit, not JSON", opening, Json, HttpStatusCode.BadRequest, Length: MaxBodyBytes);
        yield return new BadInput("10 MB", opening, Json, HttpStatusCode.RequestEntityTooLarge, Length: TenMegabytes);
        yield return new BadInput("10 MB, chunked", opening, Json, HttpStatusCode.RequestEntityTooLarge, Chunked: true, Length: TenMegabytes);
        yield return new BadInput("10 MB protobuf, chunked", [0x0A], Protobuf, HttpStatusCode.RequestEntityTooLarge, Chunked: true, Length: TenMegabytes);
        yield return new BadInput("10 MB of another content type", opening, "text/plain", HttpStatusCode.UnsupportedMediaType, Length: TenMegabytes);
    }

    private static IEnumerable<BadInput> ProtobufBodies(Random random)
    {
        for (var i = 0; i < 40; i++)
        {
            var body = new byte[random.Next(1, 200)];
            random.NextBytes(body);
            yield return new BadInput($"random protobuf bytes #{i}", body, Protobuf, HttpStatusCode.BadRequest);
        }

        byte[][] malformed =
        [
            [], [0xFF], [0x0A], [0x0A, 0x05, 0x61], [0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01],
            [0x0B], [0x0C], [0x0E, 0x00], [0x0F, 0x00], [0x00, 0x00], [0x1A, 0x02, 0x1A, 0x7F], Utf8(Order()),
            [.. Enumerable.Repeat((byte)0x1A, 2000)],
        ];
        for (var i = 0; i < malformed.Length; i++)
        {
            yield return new BadInput($"malformed protobuf #{i}", malformed[i], Protobuf, HttpStatusCode.BadRequest);
        }

        foreach (var (name, order) in InvalidProtobufOrders())
        {
            yield return new BadInput($"protobuf order with {name}", order.ToByteArray(), Protobuf, HttpStatusCode.BadRequest);
        }

        yield return new BadInput("protobuf order with invalid UTF-8 in customer_id", WithRawCustomerId([0x63, 0xFF, 0xFE]), Protobuf, HttpStatusCode.BadRequest);
        yield return new BadInput("protobuf order with a UTF-16 surrogate in customer_id", WithRawCustomerId([0x63, 0xED, 0xA0, 0x80]), Protobuf, HttpStatusCode.BadRequest);
    }

    private static IEnumerable<(string Name, PlaceOrderRequest Order)> InvalidProtobufOrders()
    {
        yield return ("no fields", new PlaceOrderRequest());
        yield return ("no items", new PlaceOrderRequest { CustomerId = "c", CurrencyCode = "EUR" });
        yield return ("unit price in another currency", ValidProtobuf(line => line.UnitPrice.CurrencyCode = "USD"));
        yield return ("zero quantity", ValidProtobuf(line => line.Quantity = 0));
        yield return ("negative quantity", ValidProtobuf(line => line.Quantity = int.MinValue));
        yield return ("no unit price", ValidProtobuf(line => line.UnitPrice = null));
        yield return ("negative unit price", ValidProtobuf(line => line.UnitPrice.Units = -5));
        yield return ("sub-cent unit price", ValidProtobuf(line => line.UnitPrice.Nanos = 1));
        yield return ("unit price at int64 max units", ValidProtobuf(line => line.UnitPrice.Units = long.MaxValue));
        yield return ("control character in sku", ValidProtobuf(line => line.Sku = "S\u0007"));
        yield return ("lower-case currency", ValidProtobuf(_ => { }, "eur"));
    }

    private static PlaceOrderRequest ValidProtobuf(Action<LineItem> change, string currency = "EUR")
    {
        var line = new LineItem { Sku = "SKU-1", Quantity = 2, UnitPrice = new Money { CurrencyCode = "EUR", Units = 19, Nanos = 990_000_000 } };
        change(line);
        return new PlaceOrderRequest { CustomerId = "cust-42", CurrencyCode = currency, Items = { line } };
    }

    /// <summary>A valid order whose items come first and customer id last (protobuf merges concatenated messages).</summary>
    private static byte[] ReversedOrder()
    {
        var full = ValidProtobuf(_ => { });
        return [.. new PlaceOrderRequest { Items = { full.Items } }.ToByteArray(),
            .. new PlaceOrderRequest { CurrencyCode = full.CurrencyCode }.ToByteArray(),
            .. new PlaceOrderRequest { CustomerId = full.CustomerId }.ToByteArray()];
    }

    /// <summary>A valid order but for its customer id, which is <paramref name="raw"/> on the wire, UTF-8 or not.</summary>
    private static byte[] WithRawCustomerId(byte[] raw)
    {
        var rest = ValidProtobuf(_ => { });
        rest.CustomerId = "";
        return [.. rest.ToByteArray(), 0x0A, (byte)raw.Length, .. raw];
    }
}
