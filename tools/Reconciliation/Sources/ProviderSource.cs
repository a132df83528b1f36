using System.Net.Http.Json;
using System.Text.Json;

namespace FunctionsOrders.Reconciliation.Sources;

/// <summary>Reads every charge the payment provider made from <c>GET {base}/v1/charges</c>.</summary>
internal sealed class ProviderSource : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    private ProviderSource(HttpClient http)
    {
        _http = http;
    }

    public static ProviderSource Create(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"ProviderBaseUrl '{baseUrl}' is not an absolute http or https URL.", nameof(baseUrl));
        }

        // A trailing slash makes "v1/charges" resolve below the base path instead of replacing its last segment.
        var root = new Uri(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        return new ProviderSource(new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(15) });
    }

    public async Task<IReadOnlyList<ProviderCharge>> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("v1/charges", UriKind.Relative), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ReconciliationSourceException(
                    $"Provider at {_http.BaseAddress} answered {(int)response.StatusCode} {response.ReasonPhrase} to GET v1/charges.");
            }

            var charges = await response.Content.ReadFromJsonAsync<List<ProviderCharge>>(Json, cancellationToken);
            return charges ?? [];
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ReconciliationSourceException($"Provider charges at {_http.BaseAddress}v1/charges cannot be read: {ex.Message}", ex);
        }
    }

    public void Dispose() => _http.Dispose();
}
