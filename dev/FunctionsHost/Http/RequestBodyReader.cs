using FunctionsOrders.FunctionsHost.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Reads a request body whole, within the configured limit.</summary>
internal sealed class RequestBodyReader(IOptions<FunctionsHostOptions> options)
{
    /// <summary>The body (empty when there is none), or null when it is larger than the limit.</summary>
    public async Task<byte[]?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        using var buffer = new MemoryStream(capacity: (int)Math.Min(context.Request.ContentLength ?? 0, limit));
        try
        {
            await context.Request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.Length > limit ? null : buffer.ToArray();
    }
}
