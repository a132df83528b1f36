using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;

namespace FunctionsOrders.ServiceDefaults.Tests;

/// <summary>The harness's freeze of a server, which the outage tests rely on.</summary>
public sealed class ProcessPauseTests
{
    [Fact]
    public async Task Pause_returns_only_once_every_thread_of_the_server_is_stopped()
    {
        using var timeout = TestTimeout.Start();
        await using var server = await NatsServer.StartAsync(cancellationToken: timeout.Token);

        for (var i = 0; i < 20; i++)
        {
            server.Pause();
            try
            {
                // Read at once: a request sent now must find no thread of the server left to answer it.
                Assert.True(ThreadStates.AllStopped(server.ProcessId), $"a thread of nats-server still ran after Pause() (try {i + 1})");
                Assert.True(Directory.GetDirectories($"/proc/{server.ProcessId}/task").Length > 1, "nats-server runs several threads");
            }
            finally
            {
                server.Resume();
            }
        }
    }
}
