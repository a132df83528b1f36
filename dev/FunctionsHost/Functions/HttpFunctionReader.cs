using System.Text.Json.Nodes;
using FunctionsOrders.FunctionsHost.Rpc;

namespace FunctionsOrders.FunctionsHost.Functions;

/// <summary>Finds the HTTP trigger among a function's raw bindings.</summary>
internal static class HttpFunctionReader
{
    public static HttpFunction? TryRead(RpcFunctionMetadata metadata)
    {
        foreach (var raw in metadata.RawBindings)
        {
            if (JsonNode.Parse(raw) is not JsonObject binding
                || !string.Equals(Text(binding, "type"), "httpTrigger", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var methods = binding["methods"] is JsonArray array
                ? array.Select(m => m!.GetValue<string>().ToUpperInvariant()).Distinct().ToArray()
                : [];
            var level = Enum.TryParse<AuthLevel>(Text(binding, "authLevel"), ignoreCase: true, out var parsed)
                ? parsed
                : AuthLevel.Function;
            var route = Text(binding, "route") is { Length: > 0 } r ? r.Trim('/') : metadata.Name;
            return new HttpFunction(metadata.Name, metadata.FunctionId, Text(binding, "name") ?? "req", level, methods, route);
        }

        return null;
    }

    private static string? Text(JsonObject binding, string name) =>
        binding.TryGetPropertyValue(name, out var value) && value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
