using System.Net.Http.Headers;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.Contracts.Messaging;
using FunctionsOrders.NatsBridge.Routing;
using Google.Protobuf;

namespace FunctionsOrders.NatsBridge.Dispatch;

/// <summary>POSTs one batch to a route's function and reads its per-message outcomes.</summary>
internal sealed class BatchDispatcher(IHttpClientFactory httpClientFactory, CallerTokens? tokens = null)
{
    public const string HttpClientName = "bridge-dispatch";
    private static readonly MediaTypeHeaderValue Protobuf = new(MessageHeaders.ProtobufContentType);

    public async Task<DispatchResponse> DispatchAsync(BridgeRoute route, DispatchBatch batch, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(route.Options.HttpTimeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, route.Options.Url)
        {
            Content = new ByteArrayContent(batch.ToByteArray()) { Headers = { ContentType = Protobuf } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MessageHeaders.ProtobufContentType));
        if (!string.IsNullOrEmpty(route.Options.FunctionKey))
        {
            request.Headers.Add("x-functions-key", route.Options.FunctionKey);
        }

        if (!string.IsNullOrEmpty(route.Options.TokenScope))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await (tokens ?? throw new InvalidOperationException("No token source for TokenScope.")).GetAsync(route.Options.TokenScope, timeout.Token));
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DispatchFailedException("timeout", $"{route.Options.Url} did not answer within {route.Options.HttpTimeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DispatchFailedException("unreachable", $"{route.Options.Url} could not be reached: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DispatchFailedException($"http_{(int)response.StatusCode}", $"{route.Options.Url} answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            try
            {
                return DispatchResponse.Parser.ParseFrom(body);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new DispatchFailedException("bad_response", $"{route.Options.Url} answered a body that is not a DispatchResponse.", ex);
            }
        }
    }
}
