using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Hosting;

namespace FunctionsOrders.ServiceDefaults.Extensions;

/// <summary>
/// Log levels every host starts from: the libraries that log each call at Information (Polly two lines per
/// resilience pipeline run, the HTTP client four per request, ASP.NET Core three per request served, the Azure SDK
/// two per storage call) log warnings and errors only. At a hundred orders a second those lines were most of what
/// the services wrote and exported. They sit below every other configuration source, so
/// <c>Logging:LogLevel:Polly=Information</c> (or <c>Logging__LogLevel__Polly</c>) brings them back.
/// </summary>
public static class LoggingDefaults
{
    /// <summary>The default levels, as configuration keys.</summary>
    public static IReadOnlyDictionary<string, string?> Levels { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Polly"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Azure"] = "Warning",
    };

    /// <summary>Puts <see cref="Levels"/> below every configuration source of <paramref name="builder"/>.</summary>
    public static void Apply(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Levels });
    }
}
