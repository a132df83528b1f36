using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsOrders.FunctionsHost.Options;

namespace FunctionsOrders.FunctionsHost.App;

/// <summary>Reads <c>worker.config.json</c>, <c>host.json</c> and the settings file of an app folder.</summary>
internal static class FunctionAppLoader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static FunctionApp Load(FunctionsHostOptions options)
    {
        var directory = Path.GetFullPath(options.AppPath);
        var worker = Read(Path.Combine(directory, "worker.config.json"))?["description"];
        var host = Read(Path.Combine(directory, "host.json"));
        var settingsFile = string.IsNullOrEmpty(options.SettingsFile)
            ? Path.Combine(directory, "local.settings.json")
            : Path.GetFullPath(options.SettingsFile);
        var app = new FunctionApp(
            directory,
            worker?["defaultExecutablePath"]?.GetValue<string>() ?? "dotnet",
            worker?["defaultWorkerPath"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"{directory}/worker.config.json has no description.defaultWorkerPath."),
            (host?["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api").Trim('/'),
            ParseTimeout(host?["functionTimeout"]?.GetValue<string>()),
            ReadValues(settingsFile));
        _ = app.BodySizeLimit(); // A malformed limit stops the start, not the first request.
        return app;
    }

    private static JsonNode? Read(string path) =>
        File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path), documentOptions: JsonOptions) : null;

    private static TimeSpan? ParseTimeout(string? value) =>
        value is null || value == "-1"
            ? null
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var timeout) && timeout > TimeSpan.Zero
                ? timeout
                : throw new InvalidOperationException($"host.json functionTimeout '{value}' is not a positive time span.");

    private static Dictionary<string, string> ReadValues(string settingsFile)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Read(settingsFile)?["Values"] is JsonObject settings)
        {
            foreach (var (key, value) in settings)
            {
                values[key] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "";
            }
        }

        return values;
    }
}
