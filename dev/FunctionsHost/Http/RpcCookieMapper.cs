using FunctionsOrders.FunctionsHost.Rpc;

namespace FunctionsOrders.FunctionsHost.Http;

/// <summary>Cookie attributes of an <c>RpcHttpCookie</c> as ASP.NET Core cookie options.</summary>
internal static class RpcCookieMapper
{
    public static CookieOptions ToOptions(RpcHttpCookie cookie)
    {
        var options = new CookieOptions
        {
            Domain = cookie.Domain?.StringCase == NullableString.StringOneofCase.Value ? cookie.Domain.Value : null,
            Path = cookie.Path?.StringCase == NullableString.StringOneofCase.Value ? cookie.Path.Value : null,
            Secure = cookie.Secure?.BoolCase == NullableBool.BoolOneofCase.Value && cookie.Secure.Value,
            HttpOnly = cookie.HttpOnly?.BoolCase == NullableBool.BoolOneofCase.Value && cookie.HttpOnly.Value,
            SameSite = cookie.SameSite switch
            {
                RpcHttpCookie.Types.SameSite.Lax => SameSiteMode.Lax,
                RpcHttpCookie.Types.SameSite.Strict => SameSiteMode.Strict,
                RpcHttpCookie.Types.SameSite.ExplicitNone => SameSiteMode.None,
                _ => SameSiteMode.Unspecified,
            },
        };
        if (cookie.Expires?.TimestampCase == NullableTimestamp.TimestampOneofCase.Value)
        {
            options.Expires = cookie.Expires.Value.ToDateTimeOffset();
        }

        if (cookie.MaxAge?.DoubleCase == NullableDouble.DoubleOneofCase.Value)
        {
            options.MaxAge = TimeSpan.FromSeconds(cookie.MaxAge.Value);
        }

        return options;
    }
}
