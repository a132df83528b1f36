using System.Globalization;
using System.Text;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// Splits the NATS route protocol into whole frames. Every operation is a line ending in CRLF; <c>RMSG</c>,
/// <c>LMSG</c> and <c>HMSG</c> are followed by as many payload bytes as their last field says, and a CRLF.
/// </summary>
internal sealed class RouteFrameReader(Stream stream)
{
    private const string AppendEntrySubjectPrefix = "$NRG.AE.";
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next frame, or null once the stream ended.</summary>
    public async Task<RouteFrame?> ReadAsync(CancellationToken cancellationToken)
    {
        int lineLength;
        while ((lineLength = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }

        var (payload, isAppendEntry) = Parse(Encoding.ASCII.GetString(_buffer, _start, lineLength));
        var length = lineLength + 2 + (payload < 0 ? 0 : payload + 2);
        while (_end - _start < length)
        {
            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }

        var bytes = _buffer.AsSpan(_start, length).ToArray();
        _start += length;
        return new RouteFrame(bytes, isAppendEntry);
    }

    /// <summary>Payload size of a message line (-1 for a control line), and whether it carries a Raft append entry.</summary>
    private static (int Payload, bool IsAppendEntry) Parse(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 3 || fields[0].ToUpperInvariant() is not ("RMSG" or "LMSG" or "HMSG"))
        {
            return (-1, false);
        }

        // With a pooled route the account comes first, on an account's own route the subject does.
        var isAppendEntry = fields[1].StartsWith(AppendEntrySubjectPrefix, StringComparison.Ordinal)
            || fields[2].StartsWith(AppendEntrySubjectPrefix, StringComparison.Ordinal);
        return (int.Parse(fields[^1], CultureInfo.InvariantCulture), isAppendEntry);
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
