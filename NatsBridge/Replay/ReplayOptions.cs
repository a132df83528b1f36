using System.Globalization;

namespace FunctionsOrders.NatsBridge.Replay;

/// <summary>Arguments of <c>NatsBridge replay --route &lt;name&gt; [--limit N]</c>.</summary>
internal sealed record ReplayOptions(string Route, int Limit)
{
    public const string Usage = "usage: NatsBridge replay --route <name> [--limit N]";

    /// <summary>Parses the arguments after <c>replay</c>; null with <paramref name="error"/> set when they are wrong.</summary>
    public static ReplayOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? route = null;
        var limit = int.MaxValue;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--route" when i + 1 < args.Count:
                    route = args[++i];
                    break;
                case "--limit" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    limit = n;
                    i++;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'";
                    return null;
            }
        }

        if (string.IsNullOrWhiteSpace(route))
        {
            error = "--route is required";
            return null;
        }

        return new ReplayOptions(route, limit);
    }
}
