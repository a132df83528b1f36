namespace FunctionsOrders.OrderFunctions.Http;

/// <summary>
/// The OpenAPI document of the public order API: <c>OrderFunctions/openapi.json</c>, embedded in the assembly and
/// served byte for byte, so the document a client reads is the one the contract tests check.
/// </summary>
internal static class OpenApiDescription
{
    public const string ResourceName = "FunctionsOrders.OrderFunctions.openapi.json";

    public const string ContentType = "application/json; charset=utf-8";

    private static readonly Lazy<byte[]> LazyBytes = new(Read);

    public static ReadOnlyMemory<byte> Bytes => LazyBytes.Value;

    private static byte[] Read()
    {
        using var stream = typeof(OpenApiDescription).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
