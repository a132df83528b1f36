using FunctionsOrders.FunctionsHost.App;
using FunctionsOrders.FunctionsHost.Options;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>
/// Reads a request body whole, within the limit: the app's <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c> when it sets
/// one, else <c>FunctionsHost:MaxRequestBodySize</c>. A body declared larger is refused before a byte of it is read.
/// </summary>
internal sealed class RequestBodyReader(IOptions<FunctionsHostOptions> options, FunctionApp app)
{
    private readonly long _limit = app.BodySizeLimit() ?? options.Value.MaxRequestBodySize;

    /// <summary>The body (empty when there is none), or null when it is larger than the limit.</summary>
    public async Task<byte[]?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var limit = _limit;
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
