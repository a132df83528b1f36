using System.Globalization;
using System.Text;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// The server's user and password in a configuration file readable by the owner only, so they do not show in
/// the process list as command-line arguments would.
/// </summary>
internal static class NatsAuthFile
{
    public const string FileName = "nats-auth.conf";

    public static string Write(string runDirectory, string user, string password)
    {
        var path = Path.Combine(runDirectory, FileName);
        WriteOwnerOnly(path, $"authorization {{ user: {Quote(user)}, password: {Quote(password)} }}\n");
        return path;
    }

    /// <summary>Writes a server configuration file afresh, readable by the owner only.</summary>
    public static void WriteOwnerOnly(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    // The server's configuration format knows only the escapes \", \\, \t, \n, \r and \xXX (not JSON's \uXXXX,
    // which a JSON serializer writes for quotes, '+', '&', '<', '>' and any non-ASCII character); the file is UTF-8.
    public static string Quote(string value)
    {
        var quoted = new StringBuilder("\"", value.Length + 2);
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => quoted.Append("\\\""),
                '\\' => quoted.Append("\\\\"),
                '\t' => quoted.Append("\\t"),
                '\n' => quoted.Append("\\n"),
                '\r' => quoted.Append("\\r"),
                < ' ' => quoted.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => quoted.Append(c),
            };
        }

        return quoted.Append('"').ToString();
    }
}
