using System.Text.Json;
using System.Text.RegularExpressions;

namespace FunctionsOrders.Reconcile.Cli;

/// <summary>
/// Reads the user and password from a nats-server authorization file such as the one the AppHost writes
/// (<c>&lt;run dir&gt;/nats-auth.conf</c>: <c>authorization { user: "...", password: "..." }</c>), so the password
/// need not appear on a command line.
/// </summary>
internal static partial class NatsAuthFile
{
    public static (string User, string Password) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--nats-auth-file: file '{path}' not found");
        }

        var text = File.ReadAllText(path);
        var user = Value(text, "user");
        var password = Value(text, "password");
        return user is null || password is null
            ? throw new UsageException($"--nats-auth-file: '{path}' holds no authorization {{ user: ..., password: ... }}")
            : (user, password);
    }

    private static string? Value(string text, string name)
    {
        foreach (Match match in Setting().Matches(text))
        {
            if (match.Groups["name"].Value == name)
            {
                var value = match.Groups["value"].Value;
                return value.StartsWith('"') ? JsonSerializer.Deserialize<string>(value) : value;
            }
        }

        return null;
    }

    // name: "quoted value" or name: bare-value, separated by ':' or '='.
    [GeneratedRegex("""(?<name>\b[a-z]+)\s*[:=]\s*(?<value>"(?:[^"\\]|\\.)*"|[^\s,}]+)""")]
    private static partial Regex Setting();
}
