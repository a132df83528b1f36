using FunctionsOrders.ServiceDefaults.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.ServiceDefaults.Tests;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Nats:Url", "http://127.0.0.1:4222", "Nats:Url")]
    [InlineData("Nats:Url", " , ", "Nats:Url")]
    [InlineData("Nats:User", "alice", "Nats:Password")]
    [InlineData("Nats:CredsFile", "/nonexistent/user.creds", "Nats:CredsFile")]
    [InlineData("Nats:ConnectTimeout", "00:00:00", "Nats:ConnectTimeout")]
    [InlineData("Nats:Publish:AttemptTimeout", "00:01:00", "Nats:Publish:AttemptTimeout")]
    [InlineData("Nats:Publish:MaxInFlight", "0", "Nats:Publish:MaxInFlight")]
    [InlineData("Nats:Publish:MaxRetries", "-1", "Nats:Publish:MaxRetries")]
    [InlineData("Topology:Prefix", "a.b", "Topology:Prefix")]
    [InlineData("Topology:Replicas", "9", "Topology:Replicas")]
    [InlineData("Topology:DuplicateWindow", "00:00:00", "Topology:DuplicateWindow")]
    public async Task Bad_setting_fails_the_start_naming_the_key(string key, string value, string named)
    {
        using var host = Build(new Dictionary<string, string?> { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_are_valid()
    {
        using var host = Build(new Dictionary<string, string?>());

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddJetStreamPublisher();
        builder.Services.AddJetStreamTopology();
        return builder.Build();
    }
}
