using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FunctionsOrders.PaymentFunctions.Telemetry;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>
/// Charges the payment provider, and searches it for the charges of an order, through the
/// <see cref="ProviderPipelineNames.PaymentProvider"/> pipeline. A charge has the order id as idempotency key so
/// that retries and redeliveries never charge twice while the provider remembers the key.
/// </summary>
internal sealed class PaymentProviderClient(
    HttpClient http,
    ResiliencePipelineProvider<string> pipelines,
    ProviderCircuitState circuit,
    PaymentMetrics metrics,
    IOptions<PaymentProviderOptions> options,
    TimeProvider time)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(ProviderPipelineNames.PaymentProvider);

    /// <summary>Returns the provider's final answer, or throws <see cref="PaymentProviderException"/> when there is none.</summary>
    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(request.OrderId, "charge", (self, token) => self.SendChargeAsync(request, token), cancellationToken))!;

    /// <summary>
    /// The outcome of a charge the provider already made for the order, or null when it made none; throws
    /// <see cref="PaymentProviderException"/> when the provider cannot tell, or the charge is not final yet.
    /// </summary>
    public Task<ChargeResult?> FindChargeAsync(string orderId, CancellationToken cancellationToken = default) =>
        ExecuteAsync(orderId, "search", (self, token) => self.SendSearchAsync(orderId, token), cancellationToken);

    private async Task<ChargeResult?> ExecuteAsync(
        string orderId, string operation, Func<PaymentProviderClient, CancellationToken, Task<ChargeResult?>> send, CancellationToken cancellationToken)
    {
        using var activity = PaymentTelemetry.StartProviderCall(operation, orderId);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(ProviderPipeline.OrderId, orderId);
        var lastAttempt = new StrongBox<Exception?>();
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    try
                    {
                        return await state.Send(state.Self, ctx.CancellationToken);
                    }
                    catch (Exception ex)
                    {
                        state.LastAttempt.Value = ex;
                        throw;
                    }
                },
                context,
                (Self: this, Send: send, LastAttempt: lastAttempt));
            activity?.SetTag("payments.status", result?.Status.ToString() ?? "none");
            return result;
        }
        catch (Exception ex) when (Translate(ex, lastAttempt.Value) is { } failure)
        {
            activity?.SetStatus(ActivityStatusCode.Error, failure.Failure.ToString());
            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<ChargeResult?> SendChargeAsync(ChargeRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/charges") { Content = JsonContent.Create(request) };
        message.Headers.Add(IdempotencyKeyHeader, request.OrderId);
        return await SendAsync(message, "charge", static async (status, response, token) =>
            ProviderAnswers.ToResult(status, await ReadAsync<ChargeResponse>(response, token)), cancellationToken);
    }

    private async Task<ChargeResult?> SendSearchAsync(string orderId, CancellationToken cancellationToken)
    {
        var path = options.Value.SearchPath.Replace(PaymentProviderOptions.OrderIdPlaceholder, Uri.EscapeDataString(orderId), StringComparison.Ordinal);
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(message, "search", static async (status, response, token) =>
        {
            var found = await ReadAsync<ChargeSearchResponse>(response, token);
            return status == 200 && found.Data is { } charges
                ? ProviderAnswers.FromSearch(charges)
                : throw ProviderAnswers.Failure(ProviderFailure.UnknownAnswer, status, "not a list of charges");
        }, cancellationToken);
    }

    /// <summary>Sends one attempt; a status that means a failure by itself is thrown, any other is read by <paramref name="read"/>.</summary>
    private async Task<ChargeResult?> SendAsync(
        HttpRequestMessage message, string operation, Func<int, HttpResponseMessage, CancellationToken, Task<ChargeResult?>> read, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var outcome = "error";
        try
        {
            using var response = await http.SendAsync(message, cancellationToken);
            var status = (int)response.StatusCode;
            outcome = status.ToString(CultureInfo.InvariantCulture);
            return ProviderAnswers.FailureOf(status) is { } failure
                ? throw ProviderAnswers.Failure(failure, status, "no outcome")
                : await read(status, response, cancellationToken);
        }
        finally
        {
            metrics.ProviderCallCompleted(time.GetElapsedTime(started), operation, outcome);
        }
    }

    /// <summary>The JSON body of an answer; one that is not the expected JSON is an unknown answer.</summary>
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

    /// <summary>
    /// The failure to report. A breaker that opened after an attempt of this call failed is not "nothing tried": the
    /// attempt may have charged, so the call reports how its own last attempt failed, not the open breaker.
    /// </summary>
    private PaymentProviderException? Translate(Exception exception, Exception? lastAttempt) => exception switch
    {
        BrokenCircuitException broken when lastAttempt is OperationCanceledException => new(ProviderFailure.Timeout,
            "The payment provider did not answer in time, then its circuit breaker opened.", broken),
        BrokenCircuitException broken when lastAttempt is not null => Translate(lastAttempt, null)
            ?? new(ProviderFailure.Unavailable, "The payment provider's circuit breaker opened after an attempt of this call.", broken),
        BrokenCircuitException broken => new(ProviderFailure.BreakerOpen,
            "The payment provider's circuit breaker is open.", broken, broken.RetryAfter ?? circuit.RemainingBreak()),
        TimeoutRejectedException timeout => new(ProviderFailure.Timeout, "The payment provider did not answer in time.", timeout),
        TransientProviderStatusException answer => new(answer.Failure, answer.Message, answer),
        NonFinalAnswerException answer => new(answer.Failure, answer.Message, answer),
        HttpRequestException => new(ProviderFailure.Unavailable, "The payment provider is unavailable: " + exception.Message, exception),
        _ => null,
    };
}
