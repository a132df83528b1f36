using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FunctionsOrders.TestInfrastructure;

/// <summary>
/// Scans logs for what must never be logged: the secrets it is given (as they are, URL-encoded, JSON-escaped or in
/// base64) and card-like numbers — a Luhn-valid run of 13 to 19 digits, plain or in groups of four, whose first
/// digit is that of a payment card network (2 to 6) and that does not end in six zeros. Both limits keep ordinary
/// log numbers out, which would otherwise pass Luhn one time in ten: Unix times in milliseconds or nanoseconds
/// (nats-server's ack subjects carry them) start with 1, and round quantities such as durations in nanoseconds
/// (30 days is 2592000000000000 in nats-server's stream configuration) end in zeros.
/// </summary>
public sealed partial class LogSecretScanner
{
    private const int ExcerptRadius = 40;
    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<(string Name, string Value)> _needles = [];

    /// <summary>Adds a secret to look for, under <paramref name="name"/>; secrets under 8 characters would match by chance and are refused.</summary>
    public LogSecretScanner AddSecret(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length < 8)
        {
            throw new ArgumentException($"Secret '{name}' is too short to look for without false alarms.", nameof(value));
        }

        foreach (var form in Forms(value).Distinct(StringComparer.Ordinal))
        {
            _needles.Add((name, form));
        }

        return this;
    }

    /// <summary>Every finding in the given files, in file and line order; files that do not exist are skipped.</summary>
    public IReadOnlyList<LogFinding> ScanFiles(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var findings = new List<LogFinding>();
        foreach (var path in paths.Where(File.Exists))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var number = 0;
            while (reader.ReadLine() is { } line)
            {
                findings.AddRange(ScanLine(line, path, ++number));
            }
        }

        return findings;
    }

    /// <summary>Every finding in <paramref name="text"/>, reported against <paramref name="source"/>.</summary>
    public IReadOnlyList<LogFinding> ScanText(string text, string source = "text")
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n').SelectMany((line, i) => ScanLine(line, source, i + 1))];
    }

    /// <summary>True when the digits pass the Luhn check (ISO/IEC 7812-1), as every payment card number does.</summary>
    public static bool IsLuhnValid(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return digits.Length > 0 && sum % 10 == 0;
    }

    private IEnumerable<LogFinding> ScanLine(string line, string source, int number)
    {
        foreach (var (name, value) in _needles)
        {
            for (var at = line.IndexOf(value, StringComparison.Ordinal); at >= 0; at = line.IndexOf(value, at + 1, StringComparison.Ordinal))
            {
                yield return new LogFinding(source, number, name, Excerpt(line, at, value.Length));
            }
        }

        // W3C trace context ids are random hex and now and then all digits: blank them out (keeping the positions).
        var withoutTraceIds = TraceParent().Replace(line, m => new string(' ', m.Length));
        foreach (Match match in CardLike().Matches(withoutTraceIds))
        {
            var digits = string.Concat(match.Value.Where(char.IsAsciiDigit));
            if (digits.Length is >= 13 and <= 19 && digits[0] is >= '2' and <= '6' && !digits.EndsWith("000000", StringComparison.Ordinal) && IsLuhnValid(digits))
            {
                yield return new LogFinding(source, number, "card-like number", Excerpt(line, match.Index, match.Length));
            }
        }
    }

    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return Uri.EscapeDataString(value);
        yield return JsonSerializer.Serialize(value)[1..^1];
        yield return JsonSerializer.Serialize(value, RelaxedJson)[1..^1];
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
    }

    private static string Excerpt(string line, int at, int length)
    {
        var start = Math.Max(0, at - ExcerptRadius);
        var end = Math.Min(line.Length, at + length + ExcerptRadius);
        return line[start..at] + $"<{length} chars masked>" + line[(at + length)..end];
    }

    // Digit runs not glued to other letters or digits: 13 to 19 together, or four groups of four (and a tail) split by
    // single spaces or hyphens, or the 4-6-5 grouping of 15-digit cards.
    [GeneratedRegex(@"(?<![0-9A-Za-z])[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex TraceParent();

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:[0-9]{13,19}|[0-9]{4}(?:[ -][0-9]{4}){3}(?:[ -]?[0-9]{1,3})?|[0-9]{4}[ -][0-9]{6}[ -][0-9]{5})(?![0-9A-Za-z])", RegexOptions.CultureInvariant)]
    private static partial Regex CardLike();
}
