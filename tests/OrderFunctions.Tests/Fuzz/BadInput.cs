using System.Net;
using System.Text;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>One request the API must refuse: what is sent, and the 4xx status it must get.</summary>
/// <param name="Name">What the case is, for the failure report.</param>
/// <param name="Body">The request body, byte for byte.</param>
/// <param name="ContentType">The Content-Type header as sent (unvalidated), or null for none.</param>
/// <param name="Expected">The status the API must answer.</param>
/// <param name="Chunked">Send the body without Content-Length.</param>
/// <param name="Length">When set, the body is <paramref name="Body"/> padded to this many bytes as it is sent.</param>
internal sealed record BadInput(string Name, byte[] Body, string? ContentType, HttpStatusCode Expected, bool Chunked = false, long? Length = null)
{
    private const int ShownBytes = 160;

    /// <summary>The case and the start of its body, with non-printable bytes escaped, for a failure report.</summary>
    public string Describe()
    {
        var shown = new StringBuilder();
        foreach (var b in Body.AsSpan(0, Math.Min(Body.Length, ShownBytes)))
        {
            shown.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        var length = Length ?? Body.Length;
        var more = length > ShownBytes ? $"... ({length} bytes)" : "";
        return $"{Name} [Content-Type: {ContentType ?? "(none)"}{(Chunked ? ", chunked" : "")}] body: {shown}{more}";
    }

    /// <summary>The request body as it is sent.</summary>
    public HttpContent Content()
    {
        HttpContent content = Length is { } length
            ? new GeneratedContent(Body, length, declareLength: !Chunked)
            : Chunked ? new StreamContent(new MemoryStream(Body)) : new ByteArrayContent(Body);
        if (ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        return content;
    }
}
