using FunctionsOrders.SystemHarness;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsOrders.OrderFunctions.Functions;
using FunctionsOrders.TestInfrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.OpenApi;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>The document itself: clean to the library, complete for the app's public routes, closed schemas, valid examples.</summary>
public sealed partial class OpenApiDocumentTests
{
    /// <summary>Anonymous routes that serve operations, not the order API.</summary>
    private static readonly string[] NotTheOrderApi = [nameof(Health), nameof(GetOpenApiDocument)];

    [Fact]
    public void The_document_loads_as_OpenAPI_3_1_without_errors_or_warnings()
    {
        var findings = OpenApiFile.Findings(File.ReadAllBytes(OpenApiFile.RepositoryPath), out var document);

        Assert.Empty(findings);
        Assert.NotNull(document);
        Assert.NotEmpty(document.Paths);
    }

    [Fact]
    public void A_broken_document_is_reported_by_the_loader()
    {
        var json = JsonNode.Parse(File.ReadAllBytes(OpenApiFile.RepositoryPath))!;
        json["paths"]!["/orders"]!["post"]!["responses"]!["413"]!["content"]!["application/problem+json"]!["schema"]!["$ref"] = "#/components/schemas/Missing";
        json["paths"]!["/orders"]!["post"]!["x"] = 1;

        var findings = OpenApiFile.Findings(JsonSerializer.SerializeToUtf8Bytes(json), out _);

        Assert.Contains(findings, f => f.Contains("Missing", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_document_lists_exactly_the_public_http_functions_of_the_app()
    {
        var documented = OpenApiFile.Repository.Paths
            .SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method.ToUpperInvariant()} {p.Key}"))
            .Order(StringComparer.Ordinal);

        var functions = HttpFunctions().ToList();
        var routes = functions
            .Where(f => f.Level == AuthorizationLevel.Anonymous && !NotTheOrderApi.Contains(f.Name))
            .SelectMany(f => f.Methods.Select(m => $"{m.ToUpperInvariant()} /{RouteParameter().Replace(f.Route, "{$1}")}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(routes, documented);
        // A route that is not anonymous is for the bridge only, and stays under internal/.
        Assert.All(functions.Where(f => f.Level != AuthorizationLevel.Anonymous), f => Assert.StartsWith("internal/", f.Route, StringComparison.Ordinal));
    }

    [Fact]
    public void The_server_is_the_hosts_route_prefix()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "host.json")))!;
        var prefix = host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>() ?? "api";

        Assert.Equal("/" + prefix, Assert.Single(OpenApiFile.Repository.Servers!).Url);
    }

    [Fact]
    public void Every_answer_the_code_can_give_is_documented_with_its_headers()
    {
        var contract = new OpenApiContract(OpenApiFile.Repository);
        var post = contract.Operation(HttpMethod.Post, ContractClient.OrdersPath)!;
        var get = contract.Operation(HttpMethod.Get, ContractClient.OrderPath)!;

        // 503 without reason (the identity provider's keys unreadable) is not produced by the contract tests: listed here.
        Assert.Equal(["202", "400", "401", "413", "415", "422", "429", "503"], post.Responses!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["200", "400", "401", "404", "503"], get.Responses!.Keys.Order(StringComparer.Ordinal));
        Assert.True(post.Responses["202"].Headers!["Location"].Required);
        foreach (var operation in new[] { post, get })
        {
            Assert.True(operation.Responses!["401"].Headers!["WWW-Authenticate"].Required);
            Assert.True(operation.Responses["503"].Headers!["Retry-After"].Required);
            Assert.Equal("bearer", Assert.Single(Assert.Single(operation.Security!).Keys).Reference.Id);
            Assert.All(operation.Responses.Where(r => r.Key[0] is '4' or '5'), r => Assert.Equal([OpenApiContract.ProblemJson], r.Value.Content!.Keys));
        }

        Assert.True(post.Responses["429"].Headers!["Retry-After"].Required);
        Assert.Equal([ContractClient.Json, ContractClient.Protobuf], post.RequestBody!.Content!.Keys);
        Assert.Contains("orders.v1.PlaceOrderRequest", post.RequestBody.Content[ContractClient.Protobuf].Schema!.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_object_schema_is_closed_so_a_new_member_cannot_go_undocumented()
    {
        var open = OpenApiFile.Repository.Components!.Schemas!
            .Where(s => s.Value.Type == JsonSchemaType.Object && s.Value.AdditionalPropertiesAllowed)
            .Select(s => s.Key);

        Assert.Empty(open);
    }

    [Fact]
    public void Every_example_fits_its_schema()
    {
        var media = OpenApiFile.Repository.Paths.Values
            .SelectMany(p => p.Operations!.Values)
            .SelectMany(o => (o.RequestBody?.Content?.Values ?? [])
                .Concat(o.Responses!.Values.SelectMany(r => r.Content?.Values ?? [])))
            .Where(m => m.Examples is { Count: > 0 })
            .ToList();

        Assert.NotEmpty(media);
        foreach (var type in media)
        {
            foreach (var (name, example) in type.Examples!)
            {
                var errors = SchemaCheck.Errors(type.Schema!, JsonSerializer.SerializeToElement(example.Value));
                Assert.True(errors.Count == 0, $"example {name}: {string.Join("; ", errors)}");
            }
        }
    }

    private static IEnumerable<(string Name, AuthorizationLevel Level, string[] Methods, string Route)> HttpFunctions() =>
        typeof(PlaceOrder).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => (f.Function!.Name, f.Trigger!.AuthLevel, f.Trigger.Methods ?? [], f.Trigger.Route ?? f.Function.Name));

    /// <summary>A route parameter with its constraint, <c>{id:guid}</c>, as the document writes it, <c>{id}</c>.</summary>
    [GeneratedRegex(@"\{(\w+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
