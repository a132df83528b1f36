using FunctionsOrders.Reconciliation.Tests.Harness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;

namespace FunctionsOrders.Reconciliation.Tests;

[Collection(ReconciliationCollection.Name)]
public sealed class NatsAuthTests(AuthNatsFixture nats, AzuriteFixture azurite) : IClassFixture<AuthNatsFixture>
{
    private static readonly NatsAuthOpts Auth = NatsAuthOpts.Default with { Username = AuthNatsFixture.User, Password = AuthNatsFixture.Password };

    [Fact]
    public async Task Credentials_in_the_URL_or_given_apart_reach_a_server_that_requires_them()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats.Server, azurite.Server, Auth, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.CompleteAsync(order, paid: true, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        var inUrl = scenario.Sources with { NatsUrl = $"nats://{AuthNatsFixture.User}:{AuthNatsFixture.Password}@127.0.0.1:{nats.Server.Port}" };
        var apart = scenario.Sources with { NatsUser = AuthNatsFixture.User, NatsPassword = AuthNatsFixture.Password };
        var wrong = apart with { NatsPassword = "not-the-password" };

        ReportAssert.Clean(await Reconciler.CheckAsync(inUrl, [new(order, FinalStatuses.Paid)], cts.Token));
        ReportAssert.Clean(await Reconciler.CheckAsync(apart, [new(order, FinalStatuses.Paid)], cts.Token));
        var refused = await Assert.ThrowsAsync<ReconciliationSourceException>(() => Reconciler.CheckAsync(wrong, [new(order)], cts.Token));
        Assert.DoesNotContain("not-the-password", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_takes_credentials_as_arguments_or_from_a_nats_auth_file()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats.Server, azurite.Server, Auth, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.CompleteAsync(order, paid: true, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        using var orders = await TempFile.WriteAsync([$"{order} Paid"], cts.Token);
        // The format the AppHost writes to <run dir>/nats-auth.conf.
        using var authFile = await TempFile.WriteAsync(
            [$"authorization {{ user: \"{AuthNatsFixture.User}\", password: \"{AuthNatsFixture.Password}\" }}"], cts.Token);
        var args = ReconcileProcess.ArgsFor(scenario, orders.Path);

        var withoutCredentials = await ReconcileProcess.RunAsync(args, cts.Token);
        var withArguments = await ReconcileProcess.RunAsync(
            [.. args, "--nats-user", AuthNatsFixture.User, "--nats-password", AuthNatsFixture.Password], cts.Token);
        var withFile = await ReconcileProcess.RunAsync([.. args, "--nats-auth-file", authFile.Path], cts.Token);

        Assert.True(withoutCredentials.ExitCode == 1, withoutCredentials.Output);
        Assert.Contains("cannot be reached", withoutCredentials.Output, StringComparison.Ordinal);
        Assert.True(withArguments.ExitCode == 0, withArguments.Output);
        Assert.True(withFile.ExitCode == 0, withFile.Output);
        Assert.Contains("Reconciliation: CLEAN", withFile.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_takes_the_password_from_a_password_file_or_the_environment()
    {
        using var cts = TestTimeout.Start();
        await using var scenario = await Scenario.StartAsync(nats.Server, azurite.Server, Auth, cts.Token);
        var order = Deployment.NewOrderId();
        await scenario.CompleteAsync(order, paid: true, cts.Token);
        await scenario.Nats.DrainConsumersAsync(cts.Token);
        using var orders = await TempFile.WriteAsync([$"{order} Paid"], cts.Token);
        // As `printf '%s\n' "$PASSWORD" > file` writes it: the final line break is not part of the password.
        using var passwordFile = await TempFile.WriteAsync([AuthNatsFixture.Password], cts.Token);
        using var wrongFile = await TempFile.WriteAsync(["not-the-password"], cts.Token);
        string[] args = [.. ReconcileProcess.ArgsFor(scenario, orders.Path), "--nats-user", AuthNatsFixture.User];

        var withFile = await ReconcileProcess.RunAsync([.. args, "--nats-password-file", passwordFile.Path], cts.Token);
        var withWrongFile = await ReconcileProcess.RunAsync([.. args, "--nats-password-file", wrongFile.Path], cts.Token);
        var withVariable = await ReconcileProcess.RunAsync(
            args, cts.Token, new Dictionary<string, string> { ["RECONCILE_NATS_PASSWORD"] = AuthNatsFixture.Password });

        Assert.True(withFile.ExitCode == 0, withFile.Output);
        Assert.Contains("Reconciliation: CLEAN", withFile.Output, StringComparison.Ordinal);
        Assert.True(withWrongFile.ExitCode == 1, withWrongFile.Output);
        Assert.DoesNotContain("not-the-password", withWrongFile.Output, StringComparison.Ordinal);
        Assert.True(withVariable.ExitCode == 0, withVariable.Output);
        Assert.Contains("Reconciliation: CLEAN", withVariable.Output, StringComparison.Ordinal);
    }
}
