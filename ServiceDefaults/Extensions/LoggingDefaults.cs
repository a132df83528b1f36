using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsOrders.ServiceDefaults.Extensions;

/// <summary>
/// Log levels every host starts from: the libraries that log each call at Information (Polly two lines per
/// resilience pipeline run, the HTTP client four per request, ASP.NET Core three per request served, the Azure SDK
/// two per storage call) log warnings and errors only. At a hundred orders a second those lines were most of what
/// the services wrote and exported. They come first among the filter rules, so that any level configured for the
/// same category wins: <c>Logging:LogLevel:Polly=Information</c> (or <c>Logging__LogLevel__Polly</c>) brings them back.
/// </summary>
public static class LoggingDefaults
{
    /// <summary>The default minimum level by category.</summary>
    public static IReadOnlyDictionary<string, LogLevel> Levels { get; } = new Dictionary<string, LogLevel>
    {
        ["Polly"] = LogLevel.Warning,
        ["System.Net.Http.HttpClient"] = LogLevel.Warning,
        ["Microsoft.AspNetCore"] = LogLevel.Warning,
        ["Azure"] = LogLevel.Warning,
    };

    /// <summary>Puts <see cref="Levels"/> before every other filter rule of <paramref name="builder"/>'s logging.</summary>
    public static void Apply(IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<LoggerFilterOptions>(options =>
        {
            // Among rules for the same category the last one wins; configuration's rules come after these.
            var index = 0;
            foreach (var (category, level) in Levels)
            {
                options.Rules.Insert(index++, new LoggerFilterRule(providerName: null, category, level, filter: null));
            }
        });
    }
}
