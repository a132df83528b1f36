using FunctionsOrders.NatsBridge.Routing;

namespace FunctionsOrders.NatsBridge.Tests;

public sealed class BridgeOptionsValidatorTests
{
    [Theory]
    [InlineData("Url", "not-a-url", "Bridge:Routes:r:Url")]
    [InlineData("BatchSize", "0", "Bridge:Routes:r:BatchSize")]
    [InlineData("MaxReplicas", "0", "Bridge:Routes:r:MaxReplicas")]
    [InlineData("InProgressInterval", "00:00:20", "Bridge:Routes:r:InProgressInterval")]
    [InlineData("FetchExpires", "00:00:00.500", "Bridge:Routes:r:FetchExpires")]
    [InlineData("Linger", "00:00:02", "Bridge:Routes:r:Linger")]
    [InlineData("Linger", "-00:00:00.010", "Bridge:Routes:r:Linger")]
    [InlineData("NakBackoff", "soon", "Bridge:Routes:r:NakBackoff")]
    public void Bad_route_setting_is_named(string property, string value, string key)
    {
        var route = Valid();
        typeof(BridgeRouteOptions).GetProperty(property)!.SetValue(route, Convert(property, value));

        var result = new BridgeOptionsValidator().Validate(null, new BridgeOptions { Routes = { ["r"] = route } });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void In_progress_acks_cannot_be_turned_off_since_held_batches_need_them()
    {
        var route = Valid();
        route.InProgressInterval = TimeSpan.Zero;

        var result = new BridgeOptionsValidator().Validate(null, new BridgeOptions { Routes = { ["r"] = route } });

        Assert.Contains("Bridge:Routes:r:InProgressInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_budget_longer_than_the_time_a_batch_gets_is_named_with_the_http_timeout()
    {
        var route = Valid();
        route.HttpTimeout = TimeSpan.FromSeconds(3);
        route.MessageBudget = TimeSpan.FromSeconds(3);

        var result = new BridgeOptionsValidator().Validate(null, new BridgeOptions { Routes = { ["r"] = route } });

        Assert.Contains("Bridge:Routes:r:MessageBudget", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Bridge:Routes:r:HttpTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10_000, 9_000)]
    [InlineData(5_000, 4_500)]
    [InlineData(60_000, 59_000)]
    public void A_batch_gets_the_http_timeout_less_a_tenth_at_most_one_second(int httpTimeoutMs, int budgetMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(budgetMs), new BridgeRouteOptions { HttpTimeout = TimeSpan.FromMilliseconds(httpTimeoutMs) }.TimeBudget());

    [Fact]
    public void No_routes_is_an_error() =>
        Assert.Contains("Bridge:Routes", new BridgeOptionsValidator().Validate(null, new BridgeOptions()).FailureMessage, StringComparison.Ordinal);

    [Fact]
    public void Defaults_with_the_required_settings_are_valid() =>
        Assert.True(new BridgeOptionsValidator().Validate(null, new BridgeOptions { Routes = { ["r"] = Valid() } }).Succeeded);

    [Fact]
    public void The_consumer_lets_every_replica_keep_its_batches_in_flight()
    {
        var options = Valid();
        options.BatchSize = 32;
        options.MaxBatchesInFlight = 3;
        options.MaxReplicas = 10;

        var consumer = BridgeRoute.Resolve("payments", options, new FunctionsOrders.Contracts.Topology.JetStreamTopology(new())).ConsumerDefinition();

        Assert.Equal(32 * 3 * 10, consumer.MaxAckPending);
    }

    private static BridgeRouteOptions Valid() => new() { Stream = "ORDERS", FilterSubject = "orders.created.>", Url = "http://127.0.0.1:7072/api/internal/payments" };

    private static object Convert(string property, string value) => property switch
    {
        "BatchSize" or "MaxReplicas" => int.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
        "InProgressInterval" or "FetchExpires" or "Linger" => TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };
}
