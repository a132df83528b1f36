using System.Globalization;

namespace FunctionsOrders.LoadGen.Cli;

/// <summary>The options of one command: <c>--name value</c> pairs and bare <c>--flag</c>s, each checked against what the command knows.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public static Arguments Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> options)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (flags.Contains(name))
            {
                parsed._values[name] = null;
            }
            else if (options.Contains(name))
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{name} needs a value");
                }

                parsed._values[name] = args[++i];
            }
            else
            {
                throw new UsageException($"'{command}' does not take '{name}'");
            }
        }

        return parsed;
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public double Number(string name, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{text}')");
    }

    public TimeSpan Seconds(string name, TimeSpan fallback, double min, double max) =>
        TimeSpan.FromSeconds(Number(name, fallback.TotalSeconds, min, max));

    public Uri Url(string name)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            throw new UsageException($"{name} is required");
        }

        var schemes = name == "--nats" ? new[] { "nats" } : ["http", "https"];
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            ? new Uri(uri.ToString().TrimEnd('/') + "/")
            : throw new UsageException($"{name} must be an absolute {string.Join(" or ", schemes)} URL (got '{text}')");
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    /// <summary>A comma-separated list of rising rates, e.g. <c>250,500,1000</c>.</summary>
    public IReadOnlyList<double> Rates(string name, IReadOnlyList<double> fallback)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var rates = new List<double>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate <= 0 || rate > 1_000_000
                || (rates.Count > 0 && rate <= rates[^1]))
            {
                throw new UsageException($"{name} must be rising rates per second separated by commas, each from 1 to 1000000 (got '{text}')");
            }

            rates.Add(rate);
        }

        return rates;
    }
}
