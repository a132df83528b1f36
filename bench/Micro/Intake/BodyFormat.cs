namespace FunctionsOrders.Micro.Intake;

/// <summary>The two media types <c>POST /api/orders</c> takes.</summary>
public enum BodyFormat
{
    Json,
    Protobuf,
}
