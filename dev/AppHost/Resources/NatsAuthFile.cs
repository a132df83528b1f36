using FunctionsOrders.Contracts.Security;

namespace FunctionsOrders.AppHost.Resources;

/// <summary>
/// The server's users — one per component and the topology user, each with its permissions from
/// <see cref="NatsPermissions"/> — and their passwords, in a configuration file readable by the owner only, so they
/// do not show in the process list as command-line arguments would.
/// </summary>
internal static class NatsAuthFile
{
    public const string FileName = "nats-auth.conf";

    /// <summary>
    /// Writes the users of <paramref name="permissions"/> with <paramref name="passwords"/> (by user name). The topology
    /// user comes first: a tool that takes the first user of this file (<c>tools/Reconcile --nats-auth-file</c>) gets
    /// the one that may read every stream.
    /// </summary>
    public static string Write(string runDirectory, NatsPermissions permissions, IReadOnlyDictionary<string, string> passwords)
    {
        var users = permissions.All().OrderBy(u => u.User == NatsUserNames.Topology ? 0 : 1);
        var path = Path.Combine(runDirectory, FileName);
        WriteOwnerOnly(path, NatsAuthorizationBlock.Render(users, user => NatsAuthorizationBlock.Literal(passwords[user])));
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

    /// <summary>A string in the server's configuration format (see <see cref="NatsAuthorizationBlock.Quote"/>).</summary>
    public static string Quote(string value) => NatsAuthorizationBlock.Quote(value);
}
