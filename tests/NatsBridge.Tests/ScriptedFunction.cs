using System.Collections.Concurrent;
using FunctionsOrders.Contracts.Bridge.V1;
using FunctionsOrders.SystemHarness;
using Google.Protobuf;

namespace FunctionsOrders.NatsBridge.Tests;

/// <summary>A real HTTP endpoint standing in for a function: it records each batch and answers what the test scripts.</summary>
internal sealed class ScriptedFunction : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private int _probes;

    private ScriptedFunction(WebApplication app, int port)
    {
        _app = app;
        Url = $"http://127.0.0.1:{port}/api/internal/test";
    }

    public string Url { get; }

    /// <summary>Every message received, in arrival order, with the time it arrived.</summary>
    public ConcurrentQueue<(DispatchMessage Message, DateTimeOffset At)> Received { get; } = new();

    /// <summary>Held closed, every batch <see cref="HoldIf"/> selects waits at the gate before it is answered.</summary>
    public AsyncGate Gate { get; } = new();

    /// <summary>Which batches wait at a closed <see cref="Gate"/>. Default: every batch.</summary>
    public Func<DispatchBatch, bool> HoldIf { get; set; } = _ => true;

    /// <summary>Set, every request (probes with no messages included) is answered with this HTTP status and no outcomes.</summary>
    public int? FailWith { get; set; }

    /// <summary>Requests answered so far, with or without messages.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests that carried no message: the bridge asking whether the function answers at all.</summary>
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>Answers a batch; null means HTTP 500.</summary>
    public Func<DispatchBatch, DispatchResponse?> Script { get; set; } = AckAll;

    public static DispatchResponse AckAll(DispatchBatch batch) => Answer(batch, _ => new MessageOutcome { Outcome = Outcome.Ack });

    public static DispatchResponse Answer(DispatchBatch batch, Func<DispatchMessage, MessageOutcome> outcome)
    {
        var response = new DispatchResponse();
        foreach (var message in batch.Messages)
        {
            var o = outcome(message);
            o.StreamSequence = message.StreamSequence;
            response.Outcomes.Add(o);
        }

        return response;
    }

    public static async Task<ScriptedFunction> StartAsync(int? port = null)
    {
        port ??= FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ScriptedFunction? function = null;
        app.MapPost("/api/internal/test", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            var batch = DispatchBatch.Parser.ParseFrom(body.ToArray());
            foreach (var message in batch.Messages)
            {
                function!.Received.Enqueue((message, DateTimeOffset.UtcNow));
            }

            Interlocked.Increment(ref function!._requests);
            if (batch.Messages.Count == 0)
            {
                Interlocked.Increment(ref function._probes);
            }

            if (function.HoldIf(batch))
            {
                await function.Gate.WaitAsync(TimeSpan.FromSeconds(60));
            }

            if (function.FailWith is { } status)
            {
                return Results.StatusCode(status);
            }

            var answer = function.Script(batch);
            return answer is null
                ? Results.StatusCode(500)
                : Results.Bytes(answer.ToByteArray(), "application/x-protobuf");
        });
        function = new ScriptedFunction(app, port.Value);
        await app.StartAsync();
        return function;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
