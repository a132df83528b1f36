using System.Globalization;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.Contracts.Security;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// <c>NatsBridge topology apply|verify</c> and <c>NatsBridge replay</c> as processes, each as the user a deployment
/// runs it as, against nats-server on the AppHost's auth file.
/// </summary>
public sealed class TopologyCommandTests : IAsyncLifetime
{
    private readonly NatsUsersForTest _users = new("c" + Guid.NewGuid().ToString("N")[..10]);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("nats-topology-command-test-");
    private NatsServer _server = null!;

    public async Task InitializeAsync()
    {
        using var timeout = TestTimeout.Start(60);
        _server = await NatsServer.StartAsync(["-c", _users.WriteAuthFile(_directory.FullName)], timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        FreePortRetry.DeleteDirectory(_directory.FullName);
    }

    [Fact]
    public async Task Apply_creates_and_updates_what_verify_reports_and_only_the_topology_user_may_apply()
    {
        using var timeout = TestTimeout.Start(120);
        var orders = _users.Topology.OrdersStream;

        var (refused, refusedOutput) = await RunAsync(NatsUserNames.Orders, ["topology", "apply"], timeout.Token);
        Assert.Equal(1, refused);
        // Refused, not unanswered: the command says so at once instead of waiting for an answer that cannot come.
        Assert.Contains("JetStream refused the request for stream", refusedOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("JetStream is unavailable", refusedOutput, StringComparison.Ordinal);
        var (missing, missingOutput) = await RunAsync(NatsUserNames.Topology, ["topology", "verify"], timeout.Token);
        Assert.Equal(1, missing);
        Assert.Contains($"stream {orders}: missing", missingOutput, StringComparison.Ordinal);

        var (applied, appliedOutput) = await RunAsync(NatsUserNames.Topology, ["topology", "apply"], timeout.Token);
        Assert.True(applied == 0, appliedOutput);
        Assert.Contains($"stream {orders}: created", appliedOutput, StringComparison.Ordinal);
        Assert.Contains($"consumer {orders}/payments: created", appliedOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(NatsUserNames.Topology, ["topology", "verify"], timeout.Token)).ExitCode);

        // Someone changed ORDERS by hand: verify names the stream and the setting, and apply puts it back.
        await using var admin = Connect(NatsUserNames.Topology);
        var js = new NatsJSContext(admin);
        var config = (await js.GetStreamAsync(orders, cancellationToken: timeout.Token)).Info.Config;
        await js.UpdateStreamAsync(config with { MaxBytes = config.MaxBytes / 2 }, timeout.Token);
        var (drift, driftOutput) = await RunAsync(NatsUserNames.Topology, ["topology", "verify"], timeout.Token);
        Assert.Equal(1, drift);
        Assert.Contains($"stream {orders}: differs (max_bytes: {config.MaxBytes / 2} -> {config.MaxBytes})", driftOutput, StringComparison.Ordinal);

        var (reapplied, reappliedOutput) = await RunAsync(NatsUserNames.Topology, ["topology", "apply"], timeout.Token);
        Assert.Equal(0, reapplied);
        Assert.Contains($"stream {orders}: updated", reappliedOutput, StringComparison.Ordinal);
        Assert.Equal(config.MaxBytes, (await js.GetStreamAsync(orders, cancellationToken: timeout.Token)).Info.Config.MaxBytes);
    }

    [Fact]
    public async Task Replay_runs_as_the_bridge_user()
    {
        using var timeout = TestTimeout.Start(120);
        var (applied, appliedOutput) = await RunAsync(NatsUserNames.Topology, ["topology", "apply"], timeout.Token);
        Assert.True(applied == 0, appliedOutput);
        var topology = _users.Topology;
        var original = topology.Subjects.OrderCreated("o-replay");
        await using var bridge = Connect(NatsUserNames.Bridge);
        var js = new NatsJSContext(bridge);
        var headers = new NatsHeaders
        {
            [MessageHeaders.DeadLetter.OriginalSubject] = original,
            [MessageHeaders.DeadLetter.OriginalMessageId] = "o-replay",
        };
        (await js.PublishAsync(topology.Subjects.DeadLetter("payments"), new byte[] { 7 }, headers: headers, cancellationToken: timeout.Token)).EnsureSuccess();

        var (exitCode, output) = await RunAsync(NatsUserNames.Bridge, ["replay", "--route", "payments"], timeout.Token);

        Assert.True(exitCode == 0, output);
        Assert.Contains("replayed 1 dead letter(s)", output, StringComparison.Ordinal);
        await using var admin = Connect(NatsUserNames.Topology);
        var adminJs = new NatsJSContext(admin);
        var replayed = await (await adminJs.GetStreamAsync(topology.OrdersStream, cancellationToken: timeout.Token))
            .GetAsync(new StreamMsgGetRequest { LastBySubj = original }, timeout.Token);
        Assert.Equal(original, replayed.Message.Subject);
        Assert.Equal(0, (await adminJs.GetStreamAsync(topology.DeadLetterStream, cancellationToken: timeout.Token)).Info.State.Messages);
    }

    /// <summary>Runs NatsBridge with <paramref name="args"/> as <paramref name="user"/>, from its build output (its appsettings.json routes).</summary>
    private async Task<(int ExitCode, string Output)> RunAsync(string user, string[] args, CancellationToken cancellationToken)
    {
        var output = BuildOutput.Of("NatsBridge");
        var dll = Path.Combine(output, string.Create(CultureInfo.InvariantCulture, $"FunctionsOrders.NatsBridge.dll"));
        var environment = _users.Settings(user, _server.Url);
        environment["Nats__RequestTimeout"] = "00:00:02";
        environment["Nats__RetryOnInitialConnect"] = "false";
        await using var process = ExternalProcess.Start("nats-bridge-" + args[0], "dotnet", [dll, .. args], environment, output);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, process.ReadLog());
    }

    private NatsConnection Connect(string user) => new(new NatsOpts
    {
        Url = _server.Url,
        AuthOpts = new NatsAuthOpts { Username = user, Password = _users.Passwords[user] },
    });
}
