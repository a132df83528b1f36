using FunctionsOrders.AppHost;
using FunctionsOrders.SystemHarness;

namespace FunctionsOrders.Security.Tests;

/// <summary>A nats-server older than 2.10.27 (CVE-2025-30215) is refused by the AppHost and the test infrastructure alike.</summary>
public sealed class NatsServerVersionTests
{
    [Theory]
    [InlineData("nats-server: v2.10.26", false)]
    [InlineData("nats-server: v2.9.25", false)]
    [InlineData("nats-server: v2.10.27", true)]
    [InlineData("nats-server: v2.11.0", true)]
    public void A_server_older_than_the_minimum_is_refused_naming_the_binary_and_the_version(string printed, bool accepted)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // the stand-in binary is a shell script
        }

        var directory = Directory.CreateTempSubdirectory("nats-version-test-");
        try
        {
            var binary = Path.Combine(directory.FullName, "nats-server");
            File.WriteAllText(binary, $"#!/bin/sh\necho '{printed}'\n");
            File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            if (accepted)
            {
                Assert.Equal(NatsServerVersion.Parse(printed), NatsServerVersion.Require(binary));
            }
            else
            {
                var error = Assert.Throws<InvalidOperationException>(() => NatsServerVersion.Require(binary));
                Assert.Contains(binary, error.Message, StringComparison.Ordinal);
                Assert.Contains("2.10.27", error.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            FreePortRetry.DeleteDirectory(directory.FullName);
        }
    }

    [Fact]
    public void The_server_the_tests_run_is_at_least_the_minimum() =>
        Assert.True(NatsServerVersion.Require(RepoPaths.NatsServer) >= NatsServerVersion.Minimum);
}
