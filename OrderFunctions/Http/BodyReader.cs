using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.OrderFunctions.Http;

/// <summary>Reads a request body up to a limit; null when it is larger.</summary>
internal static class BodyReader
{
    public static async Task<byte[]?> ReadAsync(HttpRequestData request, int limit, CancellationToken cancellationToken)
    {
        if (request.Headers.TryGetValues("Content-Length", out var lengths)
            && long.TryParse(lengths.FirstOrDefault(), out var declared) && declared > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static string? ContentType(HttpRequestData request) =>
        request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
}
