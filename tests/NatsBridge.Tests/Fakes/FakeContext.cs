using System.Reflection;
using NATS.Client.JetStream;

namespace FunctionsOrders.NatsBridge.Tests.Fakes;

/// <summary>A JetStream context for unit tests of one class: only <c>GetConsumerAsync</c> answers, as the test scripts.</summary>
public class FakeContext : DispatchProxy
{
    internal Func<ValueTask<INatsJSConsumer>> GetConsumer { get; set; } = () => throw new NotSupportedException();

    internal static INatsJSContext Create(Func<ValueTask<INatsJSConsumer>> getConsumer)
    {
        var context = DispatchProxy.Create<INatsJSContext, FakeContext>();
        ((FakeContext)(object)context).GetConsumer = getConsumer;
        return context;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(INatsJSContext.GetConsumerAsync) ? GetConsumer() : throw new NotSupportedException(targetMethod?.Name);
}
