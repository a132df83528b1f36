using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Identity;
using FunctionsOrders.Contracts.Topology;
using FunctionsOrders.Reconciliation;

namespace FunctionsOrders.Reconcile.Cli;

/// <summary>Parses and checks the command line; every error names the argument it is about.</summary>
internal static partial class CommandLine
{
    private static readonly string[] Options =
    [
        "--orders", "--nats", "--nats-user", "--nats-password", "--nats-password-file", "--nats-auth-file", "--storage",
        "--storage-endpoint", "--ledger-table", "--provider", "--prefix", "--wait-seconds",
    ];

    /// <summary>Password of <c>--nats-user</c> when neither <c>--nats-password</c> nor <c>--nats-password-file</c> is given.</summary>
    public const string NatsPasswordVariable = "RECONCILE_NATS_PASSWORD";

    /// <summary>Storage connection string when neither <c>--storage</c> nor <c>--storage-endpoint</c> is given.</summary>
    public const string StorageVariable = "RECONCILE_STORAGE";

    public static ReconcileSettings Parse(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            return ReconcileSettings.HelpOnly;
        }

        var values = Values(args);
        var ordersPath = values.GetValueOrDefault("--orders") ?? throw new UsageException("--orders is required");
        var (user, password) = Credentials(values);
        var endpoint = StorageEndpoint(values);
        var sources = new ReconciliationSources
        {
            NatsUrl = NatsUrl(values.GetValueOrDefault("--nats") ?? Defaults.Nats),
            NatsUser = user,
            NatsPassword = password,
            StorageConnectionString = endpoint is null ? Storage(values.GetValueOrDefault("--storage") ?? Variable(StorageVariable) ?? Defaults.Storage) : null,
            StorageEndpoint = endpoint,
            // The signed-in Azure CLI, Visual Studio, environment or managed identity: whatever the machine has.
            StorageCredential = endpoint is null ? null : new DefaultAzureCredential(),
            LedgerTable = LedgerTable(values.GetValueOrDefault("--ledger-table") ?? Defaults.LedgerTable),
            ProviderBaseUrl = Provider(values.GetValueOrDefault("--provider") ?? Defaults.Provider),
            Topology = new TopologyOptions { Prefix = Prefix(values.GetValueOrDefault("--prefix") ?? string.Empty) },
        };
        var wait = WaitSeconds(values.GetValueOrDefault("--wait-seconds"));
        return new ReconcileSettings(sources, OrdersFile.Read(ordersPath), wait, Help: false);
    }

    private static Dictionary<string, string> Values(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!Options.Contains(name))
            {
                throw new UsageException($"unknown argument '{name}'");
            }

            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"{name} needs a value");
            }

            if (!values.TryAdd(name, args[++i]))
            {
                throw new UsageException($"{name} is given twice");
            }
        }

        return values;
    }

    private static (string? User, string? Password) Credentials(Dictionary<string, string> values)
    {
        var user = values.GetValueOrDefault("--nats-user");
        var password = values.GetValueOrDefault("--nats-password");
        var passwordFile = values.GetValueOrDefault("--nats-password-file");
        if (values.TryGetValue("--nats-auth-file", out var file))
        {
            return user is null && password is null && passwordFile is null
                ? NatsAuthFile.Read(file)
                : throw new UsageException("--nats-auth-file cannot be combined with --nats-user, --nats-password or --nats-password-file");
        }

        if (passwordFile is not null)
        {
            password = password is null
                ? PasswordFile(passwordFile)
                : throw new UsageException("--nats-password cannot be combined with --nats-password-file");
        }

        if (password is not null && user is null)
        {
            throw new UsageException(passwordFile is null ? "--nats-password needs --nats-user" : "--nats-password-file needs --nats-user");
        }

        return (user, password ?? (user is null ? null : Variable(NatsPasswordVariable)));
    }

    private static string PasswordFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--nats-password-file: file '{path}' not found");
        }

        // The whole file is the password, less the line break an editor or `echo` leaves at its end.
        var password = File.ReadAllText(path).TrimEnd('\r', '\n');
        return password.Length > 0 ? password : throw new UsageException($"--nats-password-file: '{path}' is empty");
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static Uri? StorageEndpoint(Dictionary<string, string> values)
    {
        if (!values.TryGetValue("--storage-endpoint", out var value))
        {
            return null;
        }

        if (values.ContainsKey("--storage"))
        {
            throw new UsageException("--storage cannot be combined with --storage-endpoint");
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new UsageException($"--storage-endpoint '{value}' is not an https URL such as https://<account>.table.core.windows.net");
    }

    private static string NatsUrl(string value)
    {
        foreach (var url in value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss") || uri.Host.Length == 0)
            {
                throw new UsageException("--nats must be nats://host:port (or tls://, ws://, wss://), several separated by commas");
            }
        }

        return value;
    }

    private static string Storage(string value)
    {
        try
        {
            _ = new TableServiceClient(value);
            return value;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new UsageException("--storage is not a valid storage connection string (e.g. UseDevelopmentStorage=true)");
        }
    }

    private static string LedgerTable(string value) =>
        value is { Length: >= 3 and <= 63 } && char.IsAsciiLetter(value[0]) && value.All(char.IsAsciiLetterOrDigit)
            ? value
            : throw new UsageException($"--ledger-table '{value}' is not a table name: 3 to 63 letters and digits, starting with a letter");

    private static Uri Provider(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"--provider '{value}' is not an absolute http or https URL");

    private static string Prefix(string value) =>
        PrefixPattern().IsMatch(value)
            ? value
            : throw new UsageException($"--prefix '{value}' may hold only letters, digits, '_' and '-'");

    private static TimeSpan WaitSeconds(string? value)
    {
        if (value is null)
        {
            return TimeSpan.Zero;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= Defaults.MaxWaitSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException($"--wait-seconds must be a whole number from 0 to {Defaults.MaxWaitSeconds} (got '{value}')");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]*$")]
    private static partial Regex PrefixPattern();
}
