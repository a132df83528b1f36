namespace FunctionsOrders.Micro;

/// <summary>One benchmark: mean time per operation in nanoseconds, and bytes allocated per operation.</summary>
internal sealed record MicroResult(string Name, double MeanNs, long AllocatedBytes);
