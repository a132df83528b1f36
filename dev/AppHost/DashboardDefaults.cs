namespace FunctionsOrders.AppHost;

/// <summary>
/// The dashboard on fixed loopback ports, over plain HTTP and open to anyone on this machine. Aspire reads these
/// from the environment before configuration files are loaded, so they are set there unless already given.
/// </summary>
internal static class DashboardDefaults
{
    public const string DashboardUrl = "http://127.0.0.1:18888";
    public const string OtlpUrl = "http://127.0.0.1:18889";
    public const string ResourceServiceUrl = "http://127.0.0.1:18887";

    public static void Apply()
    {
        SetIfMissing("ASPNETCORE_URLS", DashboardUrl);
        SetIfMissing("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", OtlpUrl);
        SetIfMissing("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", ResourceServiceUrl);
        SetIfMissing("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
        SetIfMissing("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", "true");
        SetIfMissing("DOTNET_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", "true");
    }

    private static void SetIfMissing(string name, string value)
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
