namespace FunctionsOrders.Reconciliation;

/// <summary>A source (NATS, the ledger, the provider) could not be read, so nothing could be concluded.</summary>
public sealed class ReconciliationSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReconciliationSourceException()
    {
    }

    /// <summary>Creates the exception with a message naming the source.</summary>
    public ReconciliationSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the source and the failure.</summary>
    public ReconciliationSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
