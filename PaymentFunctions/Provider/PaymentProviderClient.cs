using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsOrders.PaymentFunctions.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// Charges the payment provider through the <see cref="ProviderPipelineNames.PaymentProvider"/> pipeline, with the
/// order id as idempotency key so that retries and redeliveries never charge twice.
/// </summary>
internal sealed class PaymentProviderClient(
    HttpClient http,
    ResiliencePipelineProvider<string> pipelines,
    ProviderCircuitState circuit,
    PaymentMetrics metrics,
    TimeProvider time)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(ProviderPipelineNames.PaymentProvider);

    /// <summary>Returns the provider's final answer, or throws <see cref="PaymentProviderException"/> when there is none.</summary>
    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default)
    {
        using var activity = PaymentTelemetry.StartProviderCall(request.OrderId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ProviderPipeline.OrderId, request.OrderId);
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<ChargeResult>(state.Self.SendAsync(state.Request, ctx.CancellationToken)),
                context,
                (Self: this, Request: request));
            activity?.SetTag("payments.status", result.Status.ToString());
            return result;
        }
        catch (Exception ex) when (Translate(ex) is { } failure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Failure.ToString());
            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<ChargeResult> SendAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "v1/charges") { Content = JsonContent.Create(request) };
            message.Headers.Add(IdempotencyKeyHeader, request.OrderId);
            using var response = await http.SendAsync(message, cancellationToken);
            var status = (int)response.StatusCode;
            outcome = status.ToString(CultureInfo.InvariantCulture);
            if (ProviderAnswers.FailureOf(status) is { } failure)
            {
                throw ProviderAnswers.Failure(failure, status, "no charge outcome");
            }

            return ProviderAnswers.ToResult(status, await ReadAsync<ChargeResponse>(response, cancellationToken));
        }
        finally
        {
            metrics.ProviderCallCompleted(time.GetElapsedTime(started), outcome);
        }
    }

    /// <summary>The body of a 2xx or 402 answer; an answer that is not the expected JSON is an unknown answer.</summary>
    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        var status = (int)response.StatusCode;
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
                ?? throw ProviderAnswers.Failure(ProviderFailure.UnknownAnswer, status, "no body");
        }
        catch (JsonException ex)
        {
            throw new TransientProviderStatusException($"The payment provider answered {status} with a body that is not JSON.", ex)
            {
                StatusCode = status,
                Failure = ProviderFailure.UnknownAnswer,
            };
        }
    }

    private PaymentProviderException? Translate(Exception exception) => exception switch
    {
        BrokenCircuitException broken => new(ProviderFailure.BreakerOpen,
            "The payment provider's circuit breaker is open.", broken, broken.RetryAfter ?? circuit.RemainingBreak()),
        TimeoutRejectedException timeout => new(ProviderFailure.Timeout, "The payment provider did not answer in time.", timeout),
        TransientProviderStatusException answer => new(answer.Failure, answer.Message, answer),
        NonFinalAnswerException answer => new(answer.Failure, answer.Message, answer),
        HttpRequestException => new(ProviderFailure.Unavailable, "The payment provider is unavailable: " + exception.Message, exception),
        _ => null,
    };
}
