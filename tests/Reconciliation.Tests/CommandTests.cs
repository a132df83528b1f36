using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class CommandTests(NatsServerFixture nats, AzuriteFixture azurite)
{
    [Fact]
    public async Task Exits_0_and_prints_the_table_when_the_state_is_clean()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var paid = Deployment.NewOrderId();
        var declined = Deployment.NewOrderId();
        await scenario.CompleteAsync(paid, paid: true, cts.Token);
        await scenario.CompleteAsync(declined, paid: false, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        using var orders = await TempFile.WriteAsync(["# accepted", paid, "", $"{declined} paymentfailed"], cts.Token);

        var (exitCode, output) = await ReconcileProcess.RunAsync(ReconcileProcess.ArgsFor(scenario, orders.Path), cts.Token);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Reconciliation: CLEAN", output, StringComparison.Ordinal);
        Assert.Matches(@"paid\s+1\s", output);
        Assert.Matches(@"payment_failed\s+1\s", output);
    }

    [Fact]
    public async Task Exits_1_and_lists_every_discrepancy_with_its_order_and_kind()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats, azurite, cts.Token);
        var paid = Deployment.NewOrderId();
        var lost = Deployment.NewOrderId();
        await scenario.CompleteAsync(paid, paid: true, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        using var orders = await TempFile.WriteAsync([$"{paid} PaymentFailed", lost], cts.Token);

        var (exitCode, output) = await ReconcileProcess.RunAsync([.. ReconcileProcess.ArgsFor(scenario, orders.Path), "--wait-seconds", "1"], cts.Token);

        Assert.True(exitCode == 1, output);
        Assert.Contains("Reconciliation: 2 DISCREPANCIES", output, StringComparison.Ordinal);
        Assert.Matches($@"{lost}\s+lost\s+no OrderCreated", output);
        Assert.Matches($@"{paid}\s+status_mismatch\s+expected PaymentFailed, is Paid", output);
    }

    [Fact]
    public async Task Exits_1_naming_the_source_that_cannot_be_read()
    {
        using var cts = TestTimeout.Start();
        using var orders = await TempFile.WriteAsync(["o-1"], cts.Token);
        var port = FreePort.Next();

        var (exitCode, output) = await ReconcileProcess.RunAsync(
            ["--orders", orders.Path, "--nats", $"nats://127.0.0.1:{port}", "--storage", azurite.Server.ConnectionString], cts.Token);

        Assert.True(exitCode == 1, output);
        Assert.Contains($"NATS at nats://127.0.0.1:{port} cannot be reached", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--orders is required")]
    [InlineData("--orders: file", "--orders", "/nonexistent/orders.txt")]
    [InlineData("--wait-seconds must be", "--orders", "{orders}", "--wait-seconds", "soon")]
    [InlineData("unknown argument '--bogus'", "--orders", "{orders}", "--bogus", "1")]
    [InlineData("--provider 'ftp://x/'", "--orders", "{orders}", "--provider", "ftp://x/")]
    [InlineData("--nats must be", "--orders", "{orders}", "--nats", "127.0.0.1:4222")]
    [InlineData("--storage is not", "--orders", "{orders}", "--storage", "not a connection string")]
    [InlineData("--prefix 'a.b'", "--orders", "{orders}", "--prefix", "a.b")]
    [InlineData("--ledger-table '1x'", "--orders", "{orders}", "--ledger-table", "1x")]
    [InlineData("--nats-password needs --nats-user", "--orders", "{orders}", "--nats-password", "secret")]
    [InlineData("--nats-password-file needs --nats-user", "--orders", "{orders}", "--nats-password-file", "{orders}")]
    [InlineData("--nats-password cannot be combined with --nats-password-file", "--orders", "{orders}", "--nats-user", "u", "--nats-password", "secret", "--nats-password-file", "{orders}")]
    [InlineData("--nats-password-file: file", "--orders", "{orders}", "--nats-user", "u", "--nats-password-file", "/nonexistent/password")]
    [InlineData("--storage cannot be combined with --storage-endpoint", "--orders", "{orders}", "--storage", "UseDevelopmentStorage=true", "--storage-endpoint", "https://a.table.core.windows.net")]
    [InlineData("--storage-endpoint 'http://a.table.core.windows.net' is not an https URL", "--orders", "{orders}", "--storage-endpoint", "http://a.table.core.windows.net")]
    [InlineData("--orders needs a value", "--orders")]
    [InlineData("is not Paid or PaymentFailed", "--orders", "{bad-orders}")]
    public async Task Exits_2_naming_the_bad_argument(string expected, params string[] args)
    {
        using var cts = TestTimeout.Start();
        using var orders = await TempFile.WriteAsync(["o-1 Paid"], cts.Token);
        using var badOrders = await TempFile.WriteAsync(["o-1 Shipped"], cts.Token);
        var resolved = args.Select(a => a.Replace("{orders}", orders.Path, StringComparison.Ordinal).Replace("{bad-orders}", badOrders.Path, StringComparison.Ordinal));

        var (exitCode, output) = await ReconcileProcess.RunAsync(resolved, cts.Token);

        Assert.True(exitCode == 2, output);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_exits_0_and_documents_every_option_and_exit_code()
    {
        using var cts = TestTimeout.Start();

        var (exitCode, output) = await ReconcileProcess.RunAsync(["--help"], cts.Token);

        Assert.True(exitCode == 0, output);
        foreach (var option in new[]
        {
            "--orders", "--nats ", "--nats-user", "--nats-password", "--nats-password-file", "--nats-auth-file", "--storage",
            "--storage-endpoint", "--ledger-table", "--provider", "--prefix", "--wait-seconds", "RECONCILE_NATS_PASSWORD",
            "RECONCILE_STORAGE", "Exit codes", "nats-auth.conf",
        })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
