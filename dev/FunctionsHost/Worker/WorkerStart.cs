using FunctionsOrders.FunctionsHost.Rpc;

namespace FunctionsOrders.FunctionsHost.Worker;

/// <summary>What the handshake learned: the functions the worker loaded, and its HTTP server when it has one.</summary>
internal sealed record WorkerStart(IReadOnlyList<RpcFunctionMetadata> Functions, Uri? HttpUri);
