using System.Globalization;
using System.Text;

namespace FunctionsOrders.Contracts.Security;

/// <summary>Writes the nats-server <c>authorization { users = [...] }</c> block of a set of users and their permissions.</summary>
public static class NatsAuthorizationBlock
{
    /// <summary>
    /// The block. <paramref name="password"/> gives, per user name, the password as it goes into the file: a quoted
    /// literal (<see cref="Literal"/>), a bcrypt hash (quoted too), or a variable the server reads from its
    /// environment (<see cref="EnvironmentVariable"/>).
    /// </summary>
    public static string Render(IEnumerable<NatsUserPermissions> users, Func<string, string> password)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(password);
        var text = new StringBuilder("authorization {\n  users = [\n");
        foreach (var user in users)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {{\n      user: {Quote(user.User)}\n      password: {password(user.User)}\n");
            text.Append("      permissions: {\n");
            text.Append(CultureInfo.InvariantCulture, $"        publish: {{ allow: [{List(user.Publish)}] }}\n");
            text.Append(CultureInfo.InvariantCulture, $"        subscribe: {{ allow: [{List(user.Subscribe)}] }}\n");
            text.Append("      }\n    }\n");
        }

        return text.Append("  ]\n}\n").ToString();
    }

    /// <summary>A password written into the file, quoted.</summary>
    public static string Literal(string password) => Quote(password);

    /// <summary>
    /// A reference to an environment variable of the server's process (<c>$NATS_ORDERS_PASSWORD</c>), which the server
    /// resolves when it reads the file: the file then holds no secret.
    /// </summary>
    public static string EnvironmentVariable(string user) =>
        "$NATS_" + user.ToUpperInvariant().Replace('-', '_') + "_PASSWORD";

    /// <summary>
    /// A string in the server's configuration format, which knows only the escapes \", \\, \t, \n, \r and \xXX (not
    /// JSON's \uXXXX, which a JSON serializer writes for quotes, '+', '&amp;', '&lt;', '&gt;' and non-ASCII); files are UTF-8.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
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

    private static string List(IEnumerable<string> subjects) => string.Join(", ", subjects.Select(Quote));
}
