using System.Text.Json;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// The server's user and password in a configuration file readable by the owner only, so they do not show in
/// the process list as command-line arguments would.
/// </summary>
internal static class NatsAuthFile
{
    public static string Write(string runDirectory, string user, string password)
    {
        Directory.CreateDirectory(runDirectory);
        var path = Path.Combine(runDirectory, "nats-auth.conf");
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write($"authorization {{ user: {Quote(user)}, password: {Quote(password)} }}\n");
        }

        return path;
    }

    // JSON string quoting is valid in the server's configuration format.
    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
