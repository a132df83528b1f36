using System.Buffers;
using Microsoft.Azure.Functions.Worker.Http;

namespace FunctionsOrders.FunctionsHttp;

/// <summary>Reads request bodies with a size limit, and their content type.</summary>
public static class BodyReader
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes (declared or actual).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequestData request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var declared = -1L;
        if (request.Headers.TryGetValues("Content-Length", out var lengths) && long.TryParse(lengths.FirstOrDefault(), out declared) && declared > limit)
        {
            return null;
        }

        // Sized by Content-Length when it is given, so the usual body costs one array of its own size; the read
        // buffer is pooled.
        using var buffer = new MemoryStream(declared is > 0 ? (int)declared : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }

    /// <summary>The request's <c>Content-Type</c>, or null.</summary>
    public static string? ContentType(HttpRequestData request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.TryGetValues("Content-Type", out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>The media type of a content type, lower case, without parameters.</summary>
    public static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();
}
