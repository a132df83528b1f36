using System.Security.Cryptography;
using System.Text;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>
/// Order ids: lower-case hyphenated UUIDs. With an Idempotency-Key the id is a name-based UUID (version 5) of the
/// customer and the key, so the same customer repeating the same key always gets the same order.
/// </summary>
internal static class OrderIds
{
    // The namespace of FunctionsOrders order ids (a fixed random UUID).
    private static readonly Guid Namespace = new("5b0e4f1c-8a43-4d8e-b7a7-0b4c3f2e9d61");

    public static string For(string customerId, string? idempotencyKey) =>
        idempotencyKey is null ? Guid.NewGuid().ToString("D") : NameBased(customerId + "\u001f" + idempotencyKey).ToString("D");

    /// <summary>True for a lower-case hyphenated UUID.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 36 } && Guid.TryParseExact(id, "D", out _) && !id.Any(char.IsUpper);

    private static Guid NameBased(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version-5 UUIDs; it is not used for security here.
        SHA1.HashData(input[..length], hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
