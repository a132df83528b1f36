using System.Globalization;

namespace FunctionsOrders.SystemHarness;

/// <summary>
/// The samples of a page in the Prometheus text format, keyed by series as the page writes it: the metric name, then
/// its labels in braces in name order, e.g. <c>bridge_naked_total{reason="timeout",route="payments"}</c>.
/// </summary>
public static class PrometheusText
{
    /// <summary>Every sample line of <paramref name="text"/>; comments and values that are not numbers are left out.</summary>
    public static IReadOnlyDictionary<string, double> Parse(string text)
    {
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var space = line.LastIndexOf(' ');
            if (line.Length > 0 && line[0] != '#' && space > 0
                && double.TryParse(line.AsSpan(space + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                samples[line[..space]] = value;
            }
        }

        return samples;
    }

    /// <summary>The sum of the series of metric <paramref name="name"/> that carry every one of <paramref name="labels"/>, whatever their other labels.</summary>
    public static double Sum(IReadOnlyDictionary<string, double> samples, string name, params (string Name, string Value)[] labels) =>
        samples.Where(s => IsSeriesOf(s.Key, name, labels)).Sum(s => s.Value);

    /// <summary>Whether <paramref name="series"/> belongs to metric <paramref name="name"/> and carries every one of <paramref name="labels"/>.</summary>
    public static bool IsSeriesOf(string series, string name, params (string Name, string Value)[] labels) =>
        (series == name || series.StartsWith(name + "{", StringComparison.Ordinal))
        && labels.All(l => Label(series, l.Name) == l.Value);

    /// <summary>The value of label <paramref name="label"/> in <paramref name="series"/>, or null when it has none.</summary>
    public static string? Label(string series, string label)
    {
        var open = series.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        var key = label + "=\"";
        foreach (var pair in series[(open + 1)..^1].Split("\","))
        {
            if (pair.StartsWith(key, StringComparison.Ordinal))
            {
                return pair[key.Length..].TrimEnd('"');
            }
        }

        return null;
    }
}
