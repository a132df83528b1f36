using System.Security.Cryptography;
using System.Text;
using FunctionsOrders.FunctionsHost.Functions;
using FunctionsOrders.FunctionsHost.Options;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>
/// Function keys as the real host checks them: <c>x-functions-key</c> header or <c>code</c> query parameter;
/// the master key opens everything; with no key configured, keyed functions stay closed.
/// </summary>
internal sealed class KeyAuthorizer(IOptions<FunctionsHostOptions> options)
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public bool IsAuthorized(HttpRequest request, AuthLevel level)
    {
        if (level == AuthLevel.Anonymous)
        {
            return true;
        }

        var presented = request.Headers[HeaderName].FirstOrDefault();
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[QueryName].FirstOrDefault();
        }

        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var settings = options.Value;
        return Matches(presented, settings.MasterKey)
            || (level is AuthLevel.Function or AuthLevel.User && Matches(presented, settings.FunctionKey));
    }

    private static bool Matches(string presented, string? key) =>
        !string.IsNullOrEmpty(key)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));
}
