using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace FunctionsOrders.LoadGen.Load;

/// <summary>
/// Realistic <c>POST /api/orders</c> requests: a pool of varied JSON bodies (1–4 lines, prices with cents, three
/// currencies, customers <c>cust-…</c> so none is declined) and a unique Idempotency-Key per request.
/// </summary>
internal sealed class OrderRequests
{
    private static readonly string[] Currencies = ["EUR", "USD", "GBP"];
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly byte[][] _bodies;
    private readonly string _keyPrefix;

    public OrderRequests(Uri apiBase, string runLabel, int seed = 42, int poolSize = 1024)
    {
        OrdersUri = new Uri(apiBase, "api/orders");
        var random = new Random(seed);
        _bodies = Enumerable.Range(0, poolSize).Select(_ => Encoding.UTF8.GetBytes(Body(random))).ToArray();
        _keyPrefix = $"{runLabel}-{Guid.NewGuid().ToString("N")[..8]}-";
    }

    public Uri OrdersUri { get; }

    /// <summary>Bytes of a typical body, for the report.</summary>
    public int TypicalBodyBytes => _bodies[0].Length;

    /// <summary>Request number <paramref name="sequence"/> of this run: a body from the pool and a key no other request has.</summary>
    public HttpRequestMessage Create(long sequence)
    {
        var content = new ByteArrayContent(_bodies[sequence % _bodies.Length]);
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, OrdersUri) { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", _keyPrefix + sequence.ToString(CultureInfo.InvariantCulture));
        return request;
    }

    /// <summary>One order body as a shop's checkout would send it.</summary>
    public static string Body(Random random)
    {
        var builder = new StringBuilder(256);
        builder.Append(CultureInfo.InvariantCulture, $"{{\"customerId\":\"cust-{random.Next(1, 100_000)}\",");
        builder.Append(CultureInfo.InvariantCulture, $"\"currency\":\"{Currencies[random.Next(Currencies.Length)]}\",\"items\":[");
        var lines = random.Next(1, 5);
        for (var i = 0; i < lines; i++)
        {
            var price = random.Next(50, 25_000) / 100m;
            builder.Append(CultureInfo.InvariantCulture,
                $"{(i == 0 ? "" : ",")}{{\"sku\":\"SKU-{random.Next(1, 20_000):D5}\",\"quantity\":{random.Next(1, 6)},\"unitPrice\":{price:0.00}}}");
        }

        return builder.Append("]}").ToString();
    }
}
