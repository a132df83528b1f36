namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>What ensuring did to one item.</summary>
public enum TopologyAction
{
    /// <summary>It was already as defined.</summary>
    Unchanged,

    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It existed with other settings and was updated.</summary>
    Updated,
}
