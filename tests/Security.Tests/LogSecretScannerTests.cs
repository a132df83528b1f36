using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Security.Tests;

/// <summary>The scanner finds what it must, where it is, without repeating it, and leaves ordinary log numbers alone.</summary>
public sealed class LogSecretScannerTests
{
    private const string Secret = "s3cr3t+/key=value&more";

    [Theory]
    [InlineData("connecting with password " + Secret + " now")]
    [InlineData("GET /api/x?code=s3cr3t%2B%2Fkey%3Dvalue%26more HTTP/1.1")]
    [InlineData("{\"password\":\"s3cr3t\\u002B/key=value\\u0026more\"}")]
    [InlineData("Authorization: czNjcjN0Ky9rZXk9dmFsdWUmbW9yZQ==")]
    public void A_secret_is_found_as_it_is_url_encoded_json_escaped_or_in_base64(string line)
    {
        var findings = new LogSecretScanner().AddSecret("test secret", Secret).ScanText("first line\n" + line, "app.log");

        var finding = Assert.Single(findings);
        Assert.Equal(("app.log", 2, "test secret"), (finding.Source, finding.Line, finding.What));
        Assert.DoesNotContain("s3cr3t", finding.Excerpt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("card 4111 1111 1111 1111 charged")]
    [InlineData("card=4111-1111-1111-1111;")]
    [InlineData("amex 378282246310005")]
    [InlineData("amex 3782 822463 10005")]
    [InlineData("mc 5555555555554444, mc2 none")]
    [InlineData("(2223003122003222)")]
    [InlineData("discover:6011111111111117")]
    [InlineData("visa13 4222222222222")]
    [InlineData("nineteen 4000000000000000006.")]
    public void A_luhn_valid_card_number_is_found(string line)
    {
        var finding = Assert.Single(new LogSecretScanner().ScanText(line));

        Assert.Equal("card-like number", finding.What);
        Assert.DoesNotContain("1111", finding.Excerpt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4111111111111112")] // fails Luhn
    [InlineData("411111111111")] // 12 digits
    [InlineData("41111111111111111111")] // 20 digits
    [InlineData("id a4111111111111111 and 4111111111111111b")] // part of a longer token
    [InlineData("$JS.ACK.ORDERS.payments.1.5.5.1764091234567.0 and at 176409123456789010")] // Luhn-valid times in ms and ns
    [InlineData("trace 4bf92f3577b34da6a3ce929d0e0e4736 order 0d9c6a9e-4b8f-4d36-9a51-3f0b1e7f2a10")]
    [InlineData("Seconds=9223372036854775807 2025-11-25 18:55:16.952508")]
    [InlineData("{\"max_age\":2592000000000000,\"max_bytes\":268435456}")] // 30 days in nanoseconds: Luhn-valid, but round
    [InlineData("traceparent: 00-b4e85fc2e687df996115a254d7dcbe3d-4111111111111111-01")] // a span id that happens to be all digits
    public void Ordinary_log_numbers_are_not_card_numbers(string line)
    {
        Assert.Empty(new LogSecretScanner().ScanText(line));
    }

    [Fact]
    public void Files_are_scanned_line_by_line_and_missing_ones_skipped()
    {
        var directory = Directory.CreateTempSubdirectory("log-scan-test-");
        try
        {
            var log = Path.Combine(directory.FullName, "a.log");
            File.WriteAllLines(log, ["ok", "ok", "leaked " + Secret, "card 4111111111111111"]);

            var findings = new LogSecretScanner().AddSecret("test secret", Secret).ScanFiles([log, Path.Combine(directory.FullName, "missing.log")]);

            Assert.Equal([(3, "test secret"), (4, "card-like number")], findings.Select(f => (f.Line, f.What)));
        }
        finally
        {
            FreePortRetry.DeleteDirectory(directory.FullName);
        }
    }

    [Fact]
    public void A_secret_too_short_to_look_for_is_refused() =>
        Assert.Throws<ArgumentException>(() => new LogSecretScanner().AddSecret("short", "1234567"));
}
