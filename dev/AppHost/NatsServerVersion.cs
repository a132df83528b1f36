using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FunctionsOrders.AppHost;

/// <summary>
/// Refuses a nats-server older than the minimum supported: 2.10.27, the 2.10 release that fixed CVE-2025-30215 (a
/// flaw in the authorization of JetStream API requests, which per-user permissions alone do not guard against).
/// </summary>
internal static partial class NatsServerVersion
{
    public static readonly Version Minimum = new(2, 10, 27);

    /// <summary>Runs <c><paramref name="binary"/> --version</c>; returns the version, or throws naming the binary when it is older or unknown.</summary>
    public static Version Require(string binary)
    {
        var info = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--version" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{binary} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new InvalidOperationException($"{binary} --version did not answer within 10 s.");
        }

        var text = (output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult()).Trim();
        var version = Parse(text) ?? throw new InvalidOperationException($"{binary} --version printed '{text}', not a nats-server version.");
        return version >= Minimum
            ? version
            : throw new InvalidOperationException(
                $"nats-server {version} at {binary} is older than {Minimum}, the minimum supported (CVE-2025-30215). " +
                "Run eng/prereqs.sh, or set NATS_SERVER_BIN to a newer nats-server.");
    }

    /// <summary>The version in <c>nats-server: v2.10.27</c>, or null.</summary>
    public static Version? Parse(string text)
    {
        var match = VersionPattern().Match(text);
        return match.Success
            ? new Version(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : null;
    }

    [GeneratedRegex(@"v(\d+)\.(\d+)\.(\d+)")]
    private static partial Regex VersionPattern();
}
