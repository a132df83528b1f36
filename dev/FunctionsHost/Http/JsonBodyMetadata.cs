using System.Text.Json;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>
/// The top-level properties of a JSON-object body, as the real host adds them to the trigger metadata so that
/// function parameters can bind to them. Arrays are left out; only string values reach the worker.
/// </summary>
internal static class JsonBodyMetadata
{
    public static IEnumerable<KeyValuePair<string, string>> Read(string? contentType, byte[] body)
    {
        if (body.Length == 0 || contentType is null || !contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return [.. document.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined))
                .Select(p => KeyValuePair.Create(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON after all, or text that does not decode (invalid UTF-8, an unpaired surrogate escape, which
            // JsonElement reports as InvalidOperationException): the function still gets the body; nothing binds.
            return [];
        }
    }
}
