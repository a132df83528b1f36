using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FunctionsOrders.Contracts.Orders.V1;
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
            outcome = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return await ReadAsync(response, cancellationToken);
        }
        finally
        {
            metrics.ProviderCallCompleted(time.GetElapsedTime(started), outcome);
        }
    }

    private static async Task<ChargeResult> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (ProviderErrors.IsTransientStatus(status))
        {
            throw new TransientProviderStatusException($"The payment provider answered {status}.") { StatusCode = status };
        }

        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.PaymentRequired))
        {
            return new ChargeResult(PaymentStatus.Failed, string.Empty, ChargeResult.ProviderRejected);
        }

        var body = await response.Content.ReadFromJsonAsync<ChargeResponse>(cancellationToken)
            ?? throw new TransientProviderStatusException("The payment provider answered without a body.") { StatusCode = status };
        return response.StatusCode == HttpStatusCode.PaymentRequired || body.Status == "declined"
            ? new ChargeResult(PaymentStatus.Declined, body.Id ?? string.Empty, body.Reason ?? "declined")
            : new ChargeResult(PaymentStatus.Succeeded, body.Id ?? string.Empty, string.Empty);
    }

    private PaymentProviderException? Translate(Exception exception) => exception switch
    {
        BrokenCircuitException broken => new(ProviderFailure.BreakerOpen,
            "The payment provider's circuit breaker is open.", broken, broken.RetryAfter ?? circuit.RemainingBreak()),
        TimeoutRejectedException timeout => new(ProviderFailure.Timeout, "The payment provider did not answer in time.", timeout),
        TransientProviderStatusException or HttpRequestException => new(ProviderFailure.Unavailable,
            "The payment provider is unavailable: " + exception.Message, exception),
        _ => null,
    };
}
