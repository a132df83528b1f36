using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>
/// Order ids: lower-case hyphenated UUIDs. With an Idempotency-Key the id is derived from the customer and the key
/// with HMAC-SHA256 under the secret <c>Orders:OrderIdKey</c> (an RFC 9562 version-8 UUID), so the same customer
/// repeating the same key always gets the same order, and nobody without the secret can compute, guess or claim in
/// advance the id of another customer's order. Without a key every order gets a random id.
/// </summary>
internal sealed class OrderIds
{
    private readonly byte[] _key;

    public OrderIds(IOptions<IntakeOptions> options)
        : this(IntakeOptions.OrderIdKeyBytes(options.Value.OrderIdKey) ?? IntakeOptions.DevelopmentOrderIdKey)
    {
    }

    internal OrderIds(byte[] key) => _key = key;

    public string For(string customerId, string? idempotencyKey) =>
        idempotencyKey is null ? Guid.NewGuid().ToString("D") : Keyed(customerId, idempotencyKey).ToString("D");

    /// <summary>True for a lower-case hyphenated UUID.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 36 } && Guid.TryParseExact(id, "D", out _) && !id.Any(char.IsUpper);

    private Guid Keyed(string customerId, string idempotencyKey)
    {
        // Length-prefixed parts, so ("a", "bc") and ("ab", "c") differ.
        var name = $"{customerId.Length}:{customerId}\u001f{idempotencyKey}";
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(name.Length)];
        var length = Encoding.UTF8.GetBytes(name, input);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
