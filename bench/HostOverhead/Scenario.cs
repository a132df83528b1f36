using System.Text;

namespace FunctionsOrders.HostOverhead;

/// <summary>One kind of request every target answers alike: the same path, body and expected answer.</summary>
internal sealed record Scenario(string Name, string Path, string ContentType, byte[] Body, int ExpectedLength)
{
    /// <summary>A small JSON body whose properties bind to the function's parameters; the answer is a short text.</summary>
    public static Scenario SmallJson { get; } = new(
        "small JSON",
        "api/greet",
        "application/json",
        Encoding.UTF8.GetBytes("""{"name":"Ada","times":1}"""),
        "hello Ada".Length);

    /// <summary>1 MiB up and 1 MiB back: the function answers the body reversed.</summary>
    public static Scenario OneMebibyte { get; } = new(
        "1 MiB body",
        "api/binary",
        "application/octet-stream",
        MebibyteOfBytes(),
        1024 * 1024);

    private static byte[] MebibyteOfBytes()
    {
        var body = new byte[1024 * 1024];
        new Random(42).NextBytes(body);
        return body;
    }
}
