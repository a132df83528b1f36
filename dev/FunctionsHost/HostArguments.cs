using System.Globalization;
using System.Reflection;

namespace FunctionsOrders.FunctionsHost;

/// <summary>
/// The switches the host answers itself before it starts (help, version) and the argument errors it reports in one
/// line instead of a stack trace. Everything else on the command line is configuration, as in any ASP.NET Core app.
/// </summary>
internal static class HostArguments
{
    /// <summary>The command name of the installed tool, used in messages.</summary>
    public const string CommandName = "functions-host";

    /// <summary>Exit code for an invalid argument or setting.</summary>
    public const int UsageError = 2;

    public static readonly string Usage = $"""
        {CommandName} runs an Azure Functions isolated-worker app the way the Functions host does: it starts the
        worker, speaks its gRPC protocol and serves the app's HTTP triggers. No Azure Functions Core Tools needed.

        Usage: {CommandName} --app <folder> [--port <port>] [--settings <file>]

        Arguments:
          --app <folder>      the app's build output, holding worker.config.json and functions.metadata (required)
          --port <port>       port for HTTP clients on 127.0.0.1 (default 7071)
          --settings <file>   file whose Values become the worker's environment, as under func start
                              (default local.settings.json in the app folder; none is fine)
          --help, -h          show this text
          --version           show the version

        Settings (environment FunctionsHost__<Key>, or the argument --FunctionsHost:<Key>=<value>):
          FunctionKey         key for Function-level functions (without one they answer 401)
          MasterKey           key for every function, and the only key for Admin-level functions
          MaxRequestBodySize  larger request bodies get 413 (default 104857600 bytes)
          ShutdownTimeout     how long in-flight invocations may finish after SIGTERM or Ctrl+C (default 00:00:15)
          WorkerStartTimeout  how long the worker may take to connect and load its functions (default 00:01:00)
        Logging__LogLevel__Default=Warning in the environment quiets the information logs of host and worker.

        HTTP functions are served at http://127.0.0.1:<port>/<route prefix>/<route>; the list is printed once the
        worker has loaded. Exit code 0 after SIGTERM or Ctrl+C, {UsageError} for an invalid argument or setting.

        """;

    /// <summary>The version of the host, as the package carries it.</summary>
    public static string Version =>
        typeof(HostArguments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(HostArguments).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>
    /// What to do instead of starting the host: the text to print and the exit code (0 on standard output, else on
    /// standard error); <c>null</c> to start the host.
    /// </summary>
    public static (string Text, int ExitCode)? Answer(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            return (Usage, 0);
        }

        if (args.Contains("--version"))
        {
            return (Version + Environment.NewLine, 0);
        }

        for (var i = 0; i < args.Count; i++)
        {
            var value = args[i] switch
            {
                "--port" => i + 1 < args.Count ? args[i + 1] : "",
                var a when a.StartsWith("--port=", StringComparison.Ordinal) => a["--port=".Length..],
                _ => null,
            };
            if (value is not null && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return (Error($"--port '{value}' is not a port number: pass one from 0 to 65535."), UsageError);
            }
        }

        return null;
    }

    /// <summary>One line of error output, prefixed with the command name.</summary>
    public static string Error(string message) => $"{CommandName}: {message}{Environment.NewLine}";

    /// <summary>
    /// Why the <c>FunctionsHost</c> settings cannot be read (a value that is not of its setting's type, such as a port
    /// that is not a number), or null when they can; what they say is checked by the options validator after that.
    /// </summary>
    public static string? Unbindable(IConfiguration configuration)
    {
        try
        {
            _ = configuration.GetSection(Options.FunctionsHostOptions.SectionName).Get<Options.FunctionsHostOptions>();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
