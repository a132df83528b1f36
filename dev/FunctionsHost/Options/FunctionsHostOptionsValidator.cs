using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Options;

/// <summary>Fails the start with a message naming the bad key.</summary>
internal sealed class FunctionsHostOptionsValidator : IValidateOptions<FunctionsHostOptions>
{
    private const string Prefix = FunctionsHostOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, FunctionsHostOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AppPath))
        {
            failures.Add($"{Prefix}AppPath (--app) is required: pass the function app's build output folder, e.g. --app bin/Release/net10.0 (--help lists the arguments).");
        }
        else if (!Directory.Exists(options.AppPath))
        {
            failures.Add($"{Prefix}AppPath (--app) '{options.AppPath}' does not exist: build the function app and pass its output folder, e.g. bin/Release/net10.0.");
        }
        else if (!File.Exists(Path.Combine(options.AppPath, "worker.config.json")))
        {
            failures.Add($"{Prefix}AppPath (--app) '{options.AppPath}' is not a function app's build output (it holds no worker.config.json): pass the folder the app was built to, e.g. bin/Release/net10.0.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"{Prefix}Port (--port) must be between 0 and 65535.");
        }

        if (options.SettingsFile is { Length: > 0 } file && !File.Exists(file))
        {
            failures.Add($"{Prefix}SettingsFile (--settings) '{file}' does not exist.");
        }

        Positive(failures, nameof(options.MaxRequestBodySize), options.MaxRequestBodySize);
        Positive(failures, nameof(options.ShutdownTimeout), options.ShutdownTimeout.Ticks);
        Positive(failures, nameof(options.WorkerTerminateTimeout), options.WorkerTerminateTimeout.Ticks);
        Positive(failures, nameof(options.WorkerStartTimeout), options.WorkerStartTimeout.Ticks);
        Positive(failures, nameof(options.RestartDelayMin), options.RestartDelayMin.Ticks);
        if (options.RestartDelayMax < options.RestartDelayMin)
        {
            failures.Add($"{Prefix}RestartDelayMax must not be less than {Prefix}RestartDelayMin.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string key, long value)
    {
        if (value <= 0)
        {
            failures.Add($"{Prefix}{key} must be positive.");
        }
    }
}
