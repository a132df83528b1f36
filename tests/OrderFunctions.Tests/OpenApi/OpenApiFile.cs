using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FunctionsOrders.OrderFunctions.Tests.OpenApi;

/// <summary>The order API's OpenAPI document, loaded and resolved by Microsoft.OpenApi as a client's tooling would.</summary>
internal static class OpenApiFile
{
    /// <summary>The document as kept in the repository, the file the app embeds and serves.</summary>
    public static string RepositoryPath => Path.Combine(RepoPaths.Root, "OrderFunctions", "openapi.json");

    private static readonly Lazy<OpenApiDocument> LazyRepository = new(() => Load(File.ReadAllBytes(RepositoryPath)));

    /// <summary>The repository's document, loaded once.</summary>
    public static OpenApiDocument Repository => LazyRepository.Value;

    /// <summary>
    /// The document in <paramref name="json"/>; throws, naming every finding, unless it reads as OpenAPI 3.1 with no
    /// error or warning (dangling references included) and passes the library's default validation rules.
    /// </summary>
    public static OpenApiDocument Load(byte[] json)
    {
        var findings = Findings(json, out var document);
        return findings.Count == 0 && document is not null
            ? document
            : throw new InvalidOperationException("The OpenAPI document does not load cleanly:\n" + string.Join("\n", findings));
    }

    /// <summary>What the library reports on <paramref name="json"/>: reader errors and warnings, then validation errors.</summary>
    public static IReadOnlyList<string> Findings(byte[] json, out OpenApiDocument? document)
    {
        using var stream = new MemoryStream(json);
        var (loaded, diagnostic) = OpenApiDocument.Load(stream, OpenApiConstants.Json);
        document = loaded;
        var findings = new List<string>();
        if (diagnostic is null || loaded is null)
        {
            findings.Add("the reader returned no document");
            return findings;
        }

        if (diagnostic.SpecificationVersion != OpenApiSpecVersion.OpenApi3_1)
        {
            findings.Add($"read as {diagnostic.SpecificationVersion}, not OpenAPI 3.1");
        }

        findings.AddRange(diagnostic.Errors.Select(e => "error: " + e));
        findings.AddRange(diagnostic.Warnings.Select(w => "warning: " + w));
        findings.AddRange(loaded.Validate(ValidationRuleSet.GetDefaultRuleSet()).Select(e => "validation: " + e));
        return findings;
    }
}
