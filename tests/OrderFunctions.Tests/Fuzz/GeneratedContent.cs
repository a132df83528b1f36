using System.Net;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>
/// A large request body written in small pieces as it is sent, so a test can send megabytes without holding them:
/// an opening, then <c>x</c> until the length is reached.
/// </summary>
internal sealed class GeneratedContent(byte[] opening, long totalLength, bool declareLength) : HttpContent
{
    private const int PieceSize = 64 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(opening, cancellationToken);
        var piece = new byte[PieceSize];
        Array.Fill(piece, (byte)'x');
        for (var left = totalLength - opening.Length; left > 0; left -= PieceSize)
        {
            await stream.WriteAsync(piece.AsMemory(0, (int)Math.Min(left, PieceSize)), cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = declareLength ? totalLength : 0;
        return declareLength;
    }
}
