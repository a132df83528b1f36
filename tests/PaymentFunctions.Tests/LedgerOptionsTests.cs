using FunctionsOrders.PaymentFunctions.Ledger;

namespace FunctionsOrders.PaymentFunctions.Tests;

public sealed class LedgerOptionsTests
{
    private const string Endpoint = "https://ledgeraccount.table.core.windows.net";
    private const string ClientId = "6f1c1e4e-0b7a-4d8f-9f52-1b0d3c2a7e11";

    [Fact]
    public void A_connection_string_alone_is_valid()
    {
        var result = Validate(new PaymentLedgerOptions { Connection = "UseDevelopmentStorage=true" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void An_https_endpoint_with_a_client_id_is_valid()
    {
        var result = Validate(new PaymentLedgerOptions { Endpoint = Endpoint, ClientId = ClientId });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Both_connection_and_endpoint_fail_naming_both_keys()
    {
        var result = Validate(new PaymentLedgerOptions { Connection = "UseDevelopmentStorage=true", Endpoint = Endpoint });

        Assert.True(result.Failed);
        Assert.Contains("Payments:Ledger:Connection and Payments:Ledger:Endpoint are both set", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Neither_connection_nor_endpoint_fails_naming_both_keys()
    {
        var result = Validate(new PaymentLedgerOptions());

        Assert.True(result.Failed);
        Assert.Contains("Payments:Ledger:Connection (or AzureWebJobsStorage) or Payments:Ledger:Endpoint is required", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ledgeraccount.table.core.windows.net")]
    [InlineData("http://ledgeraccount.table.core.windows.net")]
    public void An_endpoint_that_is_not_an_https_uri_fails_naming_the_key(string endpoint)
    {
        var result = Validate(new PaymentLedgerOptions { Endpoint = endpoint });

        Assert.True(result.Failed);
        Assert.Contains($"Payments:Ledger:Endpoint '{endpoint}' is not an absolute https URI", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_id_that_is_not_a_guid_fails_naming_the_key()
    {
        var result = Validate(new PaymentLedgerOptions { Endpoint = Endpoint, ClientId = "payments-identity" });

        Assert.True(result.Failed);
        Assert.Contains("Payments:Ledger:ClientId (or AZURE_CLIENT_ID) 'payments-identity' is not a client id", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void A_partition_count_out_of_range_fails_naming_the_key(int count)
    {
        var result = Validate(new PaymentLedgerOptions { Connection = "UseDevelopmentStorage=true", PartitionCount = count });

        Assert.True(result.Failed);
        Assert.Contains($"Payments:Ledger:PartitionCount {count} is out of range: 1 to 256", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_partition_count_defaults_to_eight()
    {
        Assert.Equal(8, new PaymentLedgerOptions().PartitionCount);
        Assert.True(Validate(new PaymentLedgerOptions { Connection = "UseDevelopmentStorage=true", PartitionCount = 256 }).Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(PaymentLedgerOptions options) =>
        new PaymentLedgerOptionsValidator().Validate(name: null, options);
}
