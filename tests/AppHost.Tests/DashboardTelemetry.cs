using System.Text.Json;

namespace FunctionsOrders.AppHost.Tests;

/// <summary>One span as the dashboard's telemetry API returns it (OTLP JSON), flattened.</summary>
internal sealed record Span(
    string Service,
    string Scope,
    string Name,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    IReadOnlyList<(string TraceId, string SpanId)> Links,
    DateTimeOffset Start = default)
{
    public override string ToString() =>
        $"{Service} | {Scope} | {Name} | span {SpanId} parent {(ParentSpanId.Length > 0 ? ParentSpanId : "-")}"
        + (Links.Count > 0 ? " links " + string.Join(",", Links.Select(l => $"{l.TraceId}/{l.SpanId}")) : "");
}

/// <summary>Reads spans from the Aspire dashboard's JSON telemetry API.</summary>
internal sealed class DashboardTelemetry(HttpClient http, Uri dashboard)
{
    /// <summary>Every span of one trace (empty while the dashboard has none).</summary>
    public async Task<IReadOnlyList<Span>> TraceAsync(string traceId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(dashboard, $"api/telemetry/traces/{traceId}"), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        return Parse(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Every span of every trace the dashboard lists, by trace id.</summary>
    public async Task<Dictionary<string, List<Span>>> TracesAsync(CancellationToken cancellationToken)
    {
        var json = await http.GetStringAsync(new Uri(dashboard, "api/telemetry/traces?limit=10000"), cancellationToken);
        return Parse(json).GroupBy(s => s.TraceId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Spans of one service whose name matches <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<Span>> SpansAsync(string service, string search, int limit, CancellationToken cancellationToken)
    {
        var url = new Uri(dashboard, $"api/telemetry/spans?resource={Uri.EscapeDataString(service)}&search={Uri.EscapeDataString(search)}&limit={limit}");
        return Parse(await http.GetStringAsync(url, cancellationToken));
    }

    private static List<Span> Parse(string json)
    {
        var spans = new List<Span>();
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resources))
        {
            return spans;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            var service = "";
            if (resource.TryGetProperty("resource", out var attributes) && attributes.TryGetProperty("attributes", out var list))
            {
                service = list.EnumerateArray()
                    .Where(a => a.GetProperty("key").GetString() == "service.name")
                    .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString() ?? "")
                    .FirstOrDefault() ?? "";
            }

            foreach (var scopeSpans in resource.GetProperty("scopeSpans").EnumerateArray())
            {
                var scope = scopeSpans.GetProperty("scope").GetProperty("name").GetString() ?? "";
                foreach (var span in scopeSpans.GetProperty("spans").EnumerateArray())
                {
                    var links = span.TryGetProperty("links", out var linkArray)
                        ? linkArray.EnumerateArray().Select(l => (l.GetProperty("traceId").GetString()!, l.GetProperty("spanId").GetString()!)).ToList()
                        : [];
                    spans.Add(new Span(
                        service,
                        scope,
                        span.GetProperty("name").GetString()!,
                        span.GetProperty("traceId").GetString()!,
                        span.GetProperty("spanId").GetString()!,
                        span.TryGetProperty("parentSpanId", out var parent) ? parent.GetString() ?? "" : "",
                        links,
                        StartOf(span)));
                }
            }
        }

        return spans;
    }

    private static DateTimeOffset StartOf(JsonElement span)
    {
        if (!span.TryGetProperty("startTimeUnixNano", out var start))
        {
            return default;
        }

        var nanos = start.ValueKind == JsonValueKind.String ? ulong.Parse(start.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : start.GetUInt64();
        return DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));
    }
}
