using System.Collections.Concurrent;
using System.Net;
using FunctionsOrders.TestInfrastructure;
using Xunit.Abstractions;

namespace FunctionsOrders.OrderFunctions.Tests.Fuzz;

/// <summary>
/// Property: every bad request to <c>POST /api/orders</c> gets its 4xx with a problem document, within a bounded
/// time; the host and worker stay up; and nothing reaches the ORDERS stream.
/// </summary>
[Collection(OrderApiCollection.Name)]
public sealed class OrderApiFuzzTests(OrderApiFixture api, ITestOutputHelper output)
{
    private const int Seed = 20_240_611;
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Every_bad_order_request_is_a_4xx_problem_and_publishes_nothing()
    {
        using var timeout = TestTimeout.Start(120);
        var inputs = BadOrderJson.All().Concat(BadOrderRequests.All(Seed)).ToList();
        output.WriteLine($"seed {Seed}: {inputs.Count} bad requests");
        var before = await OrdersInStreamAsync(timeout.Token);

        var failures = new ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, inputs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = timeout.Token },
            async (i, token) =>
            {
                if (await SendAsync(inputs[i], token) is { } failure)
                {
                    failures[i] = $"#{i} {inputs[i].Describe()}\n    -> {failure}";
                }
            });

        Assert.False(api.Host.Process.HasExited, "the Functions host exited");
        Assert.True(failures.IsEmpty, $"seed {Seed}: {failures.Count} of {inputs.Count} bad requests were not refused properly:\n"
            + string.Join("\n", failures.OrderBy(f => f.Key).Select(f => f.Value)));
        Assert.Equal(before, await OrdersInStreamAsync(timeout.Token));

        using var valid = await Orders.PostAsync(api.Client, Orders.ValidJson, null, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
        Assert.Equal(before + 1, await OrdersInStreamAsync(timeout.Token));
    }

    private async Task<string?> SendAsync(BadInput input, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PerRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = input.Content() };
        request.Headers.TransferEncodingChunked = input.Chunked;
        try
        {
            using var response = await api.Client.SendAsync(request, deadline.Token);
            return await ProblemAnswer.CheckAsync(response, input.Expected, deadline.Token, fieldErrors: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {PerRequest}";
        }
        catch (HttpRequestException ex)
        {
            return $"request failed: {ex.Message}";
        }
    }

    private async Task<long> OrdersInStreamAsync(CancellationToken cancellationToken) =>
        (await api.Js.GetStreamAsync(api.Topology.OrdersStream, cancellationToken: cancellationToken)).Info.State.Messages;
}
