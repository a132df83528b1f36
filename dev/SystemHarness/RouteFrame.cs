namespace FunctionsOrders.SystemHarness;

/// <summary>One whole frame of the NATS route protocol: a control line, or a message line with its payload.</summary>
internal readonly record struct RouteFrame(byte[] Bytes, bool IsAppendEntry);
