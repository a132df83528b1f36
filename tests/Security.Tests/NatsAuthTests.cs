using System.Security.Cryptography;
using FunctionsOrders.AppHost.Resources;
using FunctionsOrders.Contracts.Security;
using FunctionsOrders.SystemHarness;
using FunctionsOrders.TestInfrastructure;
using NATS.Client.Core;

namespace FunctionsOrders.Security.Tests;

/// <summary>
/// nats-server started on the auth file the AppHost writes (its own <see cref="NatsAuthFile"/>) takes only its users
/// with their passwords: no credentials, wrong ones and another user's are refused.
/// </summary>
public sealed class NatsAuthTests
{
    public static TheoryData<string> Passwords() => new()
    {
        // What the AppHost generates when no password is configured.
        Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
        // What an operator might configure through Parameters:nats-password.
        "pa ss\"wo\\rd{}#;,=",
        "a+b&c<d>e'f",
        "p\u00E4ssw\u00F6rd-\u20AC",
        "tab\there\u0001\r\nend",
    };

    [Theory]
    [MemberData(nameof(Passwords))]
    public async Task Only_the_configured_user_and_password_connect(string password)
    {
        using var timeout = TestTimeout.Start(60);
        const string user = NatsUserNames.Orders;
        var users = new NatsUsersForTest(passwords: NatsUserNames.All.ToDictionary(u => u, u => u == user ? password : u + "-" + password));
        var directory = Directory.CreateTempSubdirectory("nats-auth-test-");
        try
        {
            var config = users.WriteAuthFile(directory.FullName);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            }

            await using var server = await NatsServer.StartAsync(["-c", config], timeout.Token);

            NatsAuthOpts[] refused =
            [
                NatsAuthOpts.Default,
                new() { Username = user, Password = password + "x" },
                new() { Username = user, Password = password[..^1] },
                new() { Username = user, Password = "" },
                new() { Username = "other", Password = password },
                new() { Username = NatsUserNames.Payments, Password = password },
                new() { Token = password },
            ];
            foreach (var auth in refused)
            {
                var error = await ConnectAsync(server, auth, timeout.Token);
                Assert.True(error?.Contains("Authorization Violation", StringComparison.OrdinalIgnoreCase),
                    $"user '{auth.Username}' with a wrong or no password was not refused: {error ?? "connected"}");
            }

            foreach (var (name, secret) in users.Passwords)
            {
                Assert.Null(await ConnectAsync(server, new NatsAuthOpts { Username = name, Password = secret }, timeout.Token));
            }
        }
        finally
        {
            FreePortRetry.DeleteDirectory(directory.FullName);
        }
    }

    /// <summary>Null when a client with <paramref name="auth"/> connects and the server answers a ping; else why it did not.</summary>
    private static async Task<string?> ConnectAsync(NatsServer server, NatsAuthOpts auth, CancellationToken cancellationToken)
    {
        await using var connection = new NatsConnection(new NatsOpts
        {
            Url = server.Url,
            AuthOpts = auth,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            RetryOnInitialConnect = false,
            MaxReconnectRetry = 0,
        });
        try
        {
            await connection.ConnectAsync();
            await connection.PingAsync(cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            var messages = new List<string>();
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                messages.Add(e.Message);
            }

            return string.Join(" <- ", messages);
        }
    }
}
