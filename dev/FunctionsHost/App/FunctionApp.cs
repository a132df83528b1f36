namespace FunctionsOrders.FunctionsHost.App;

/// <summary>What the host knows about the app folder before the worker starts.</summary>
internal sealed record FunctionApp(
    string Directory,
    string WorkerExecutable,
    string WorkerPath,
    string RoutePrefix,
    TimeSpan? FunctionTimeout,
    IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>The app setting that limits request bodies in bytes, as on the real host.</summary>
    public const string BodySizeLimitSetting = "FUNCTIONS_REQUEST_BODY_SIZE_LIMIT";

    /// <summary>
    /// The app's <c>FUNCTIONS_REQUEST_BODY_SIZE_LIMIT</c> (from its settings, else the environment), or null when it
    /// sets none; throws when it is not a positive number.
    /// </summary>
    public long? BodySizeLimit()
    {
        var value = Settings.TryGetValue(BodySizeLimitSetting, out var setting) ? setting : Environment.GetEnvironmentVariable(BodySizeLimitSetting);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? limit
            : throw new InvalidOperationException($"{BodySizeLimitSetting} '{value}' is not a positive number of bytes.");
    }
}
