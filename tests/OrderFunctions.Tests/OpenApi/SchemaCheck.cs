using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of a document Microsoft.OpenApi loaded and resolved (JSON Schema 2020-12
/// semantics). It knows the keywords the order API's document uses; a schema with any other validation keyword is
/// reported as unsupported instead of passing unchecked, so the document cannot state a rule these tests skip.
/// </summary>
internal static partial class SchemaCheck
{
    /// <summary>Every way <paramref name="value"/> breaks <paramref name="schema"/>, each with its JSON path; empty when it conforms.</summary>
    public static IReadOnlyList<string> Errors(IOpenApiSchema schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    private static void Check(IOpenApiSchema schema, JsonElement value, string path, List<string> errors)
    {
        if (schema is IOpenApiReferenceHolder { UnresolvedReference: true })
        {
            errors.Add($"{path}: the schema is a reference the document does not resolve");
            return;
        }

        if (Unsupported(schema) is { } keyword)
        {
            errors.Add($"{path}: the schema uses {keyword}, which this check does not evaluate");
            return;
        }

        if (schema.Type is { } type && !type.HasFlag(TypeOf(value)) && !(type.HasFlag(JsonSchemaType.Number) && TypeOf(value) == JsonSchemaType.Integer))
        {
            errors.Add($"{path}: is {value.ValueKind}, not {type}");
            return;
        }

        if (schema.Enum is { Count: > 0 } allowed && JsonNode.Parse(value.GetRawText()) is var node && !allowed.Any(a => JsonNode.DeepEquals(a, node)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {string.Join(", ", allowed.Select(a => a?.ToJsonString()))}");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                CheckArray(schema, value, path, errors);
                break;
            case JsonValueKind.String:
                CheckString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                CheckNumber(schema, value, path, errors);
                break;
        }
    }

    private static void CheckObject(IOpenApiSchema schema, JsonElement value, string path, List<string> errors)
    {
        var members = value.EnumerateObject().ToList();
        foreach (var name in schema.Required ?? new HashSet<string>())
        {
            if (!members.Any(m => m.Name == name))
            {
                errors.Add($"{path}: lacks the required member {name}");
            }
        }

        if (schema.MinProperties is { } min && members.Count < min)
        {
            errors.Add($"{path}: has {members.Count} members, fewer than {min}");
        }

        foreach (var member in members)
        {
            var memberPath = $"{path}.{member.Name}";
            if (schema.Properties?.TryGetValue(member.Name, out var property) == true)
            {
                Check(property, member.Value, memberPath, errors);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                errors.Add($"{memberPath}: is not a documented member (additionalProperties is false)");
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Check(additional, member.Value, memberPath, errors);
            }
        }
    }

    private static void CheckArray(IOpenApiSchema schema, JsonElement value, string path, List<string> errors)
    {
        var length = value.GetArrayLength();
        if (length < (schema.MinItems ?? 0) || length > (schema.MaxItems ?? int.MaxValue))
        {
            errors.Add($"{path}: has {length} items, not {schema.MinItems ?? 0} to {schema.MaxItems?.ToString(CultureInfo.InvariantCulture) ?? "any number"}");
        }

        if (schema.Items is { } items)
        {
            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, $"{path}[{i++}]", errors);
            }
        }
    }

    private static void CheckString(IOpenApiSchema schema, string text, string path, List<string> errors)
    {
        // JSON Schema counts characters as code points, not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        if (length < (schema.MinLength ?? 0) || length > (schema.MaxLength ?? int.MaxValue))
        {
            errors.Add($"{path}: has {length} characters, not {schema.MinLength ?? 0} to {schema.MaxLength?.ToString(CultureInfo.InvariantCulture) ?? "any number"}");
        }

        if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: '{text}' does not match {pattern}");
        }

        if (schema.Format is { } format && !FormatHolds(format, text))
        {
            errors.Add($"{path}: '{text}' is not a {format}");
        }
    }

    private static void CheckNumber(IOpenApiSchema schema, JsonElement value, string path, List<string> errors)
    {
        var number = value.GetDouble();
        if (Bound(schema.Minimum) is { } minimum && number < minimum)
        {
            errors.Add($"{path}: {value.GetRawText()} is less than {schema.Minimum}");
        }

        if (Bound(schema.Maximum) is { } maximum && number > maximum)
        {
            errors.Add($"{path}: {value.GetRawText()} is more than {schema.Maximum}");
        }

        if (Bound(schema.ExclusiveMinimum) is { } above && number <= above)
        {
            errors.Add($"{path}: {value.GetRawText()} is not more than {schema.ExclusiveMinimum}");
        }

        if (Bound(schema.ExclusiveMaximum) is { } below && number >= below)
        {
            errors.Add($"{path}: {value.GetRawText()} is not less than {schema.ExclusiveMaximum}");
        }
    }

    private static bool FormatHolds(string format, string text) => format switch
    {
        "uuid" => Guid.TryParseExact(text, "D", out _),
        "date-time" => Rfc3339().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri-reference" => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _),
        _ => throw new NotSupportedException($"The format {format} is not checked here; add it to {nameof(SchemaCheck)}."),
    };

    /// <summary>The JSON type of a value; a number without a fractional part is an integer.</summary>
    public static JsonSchemaType TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => JsonSchemaType.Object,
        JsonValueKind.Array => JsonSchemaType.Array,
        JsonValueKind.String => JsonSchemaType.String,
        JsonValueKind.Number => value.TryGetDecimal(out var d) ? (d == decimal.Truncate(d) ? JsonSchemaType.Integer : JsonSchemaType.Number)
            : (Math.Floor(value.GetDouble()) == value.GetDouble() ? JsonSchemaType.Integer : JsonSchemaType.Number),
        JsonValueKind.True or JsonValueKind.False => JsonSchemaType.Boolean,
        _ => JsonSchemaType.Null,
    };

    private static double? Bound(string? keyword) => keyword is null ? null : double.Parse(keyword, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string? Unsupported(IOpenApiSchema schema) =>
        schema.AllOf is { Count: > 0 } ? "allOf"
        : schema.AnyOf is { Count: > 0 } ? "anyOf"
        : schema.OneOf is { Count: > 0 } ? "oneOf"
        : schema.Not is not null ? "not"
        : schema.Const is not null ? "const"
        : schema.MultipleOf is not null ? "multipleOf"
        : schema.UniqueItems == true ? "uniqueItems"
        : schema.MaxProperties is not null ? "maxProperties"
        : schema.PatternProperties is { Count: > 0 } ? "patternProperties"
        : schema.DependentRequired is { Count: > 0 } ? "dependentRequired"
        : !schema.UnevaluatedProperties ? "unevaluatedProperties"
        : schema.DynamicRef is not null ? "$dynamicRef"
        : schema.UnrecognizedKeywords is { Count: > 0 } unknown ? string.Join(", ", unknown.Keys)
        : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
