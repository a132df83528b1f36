using System.Globalization;
using System.Text.Json;
using Microsoft.OpenApi;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>
/// Holds a real answer of the app against the document: its status must be documented for the operation, every
/// header the document requires must be there and fit its schema, its content type must be documented, and its body
/// must fit that content's schema; a problem document's status must repeat the HTTP status.
/// </summary>
internal sealed class OpenApiContract(OpenApiDocument document)
{
    public const string ProblemJson = "application/problem+json";

    /// <summary>Every way <paramref name="response"/> to <paramref name="method"/> <paramref name="path"/> (a path template of the document) departs from it.</summary>
    public async Task<IReadOnlyList<string>> ViolationsAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        var where = $"{method} {path} answered {status}";
        if (Operation(method, path) is not { } operation)
        {
            return [$"{method} {path} is not an operation of the document"];
        }

        var responses = operation.Responses ?? [];
        if ((responses.GetValueOrDefault(status) ?? responses.GetValueOrDefault(status[0] + "XX") ?? responses.GetValueOrDefault("default")) is not { } documented)
        {
            return [$"{where}, a status the document does not list for it ({string.Join(", ", responses.Keys)})"];
        }

        var violations = new List<string>();
        foreach (var (name, header) in documented.Headers ?? new Dictionary<string, IOpenApiHeader>())
        {
            violations.AddRange(HeaderViolations(response, name, header).Select(v => $"{where}: {v}"));
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (documented.Content is not { Count: > 0 } content)
        {
            if (body.Length > 0)
            {
                violations.Add($"{where} with a {mediaType} body, but the document gives this answer none");
            }

            return violations;
        }

        if (mediaType is null || !content.TryGetValue(mediaType, out var media) || media.Schema is not { } schema)
        {
            violations.Add($"{where} with Content-Type '{mediaType}', not one the document gives it ({string.Join(", ", content.Keys)})");
            return violations;
        }

        JsonElement json;
        try
        {
            json = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException ex)
        {
            violations.Add($"{where} with a {mediaType} body that is not JSON: {ex.Message}");
            return violations;
        }

        violations.AddRange(SchemaCheck.Errors(schema, json).Select(e => $"{where}, body {e}"));
        if (mediaType == ProblemJson && (!json.TryGetProperty("status", out var problemStatus) || problemStatus.GetRawText() != status))
        {
            violations.Add($"{where} with a problem document whose status is not {status}");
        }

        return violations;
    }

    /// <summary>The operation <paramref name="method"/> on the path template <paramref name="path"/>, if the document has it.</summary>
    public OpenApiOperation? Operation(HttpMethod method, string path) =>
        document.Paths.TryGetValue(path, out var item) && item.Operations?.TryGetValue(method, out var operation) == true ? operation : null;

    private static IEnumerable<string> HeaderViolations(HttpResponseMessage response, string name, IOpenApiHeader header)
    {
        var values = response.Headers.TryGetValues(name, out var found) || response.Content.Headers.TryGetValues(name, out found) ? found.ToList() : [];
        if (values.Count == 0)
        {
            if (header.Required)
            {
                yield return $"lacks the header {name}, which the document requires";
            }

            yield break;
        }

        if (header.Schema is not { } schema)
        {
            yield break;
        }

        foreach (var value in values)
        {
            foreach (var error in SchemaCheck.Errors(schema, HeaderValue(value, schema)))
            {
                yield return $"header {name}: {error}";
            }
        }
    }

    /// <summary>A header's text as the JSON value its schema describes: a number for a numeric schema that reads as one, else a string.</summary>
    private static JsonElement HeaderValue(string value, IOpenApiSchema schema) =>
        schema.Type is { } type && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
            && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? JsonSerializer.SerializeToElement(number)
            : JsonSerializer.SerializeToElement(value);
}
