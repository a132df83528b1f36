namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>What ensuring did to one item, or what verifying found.</summary>
public enum TopologyAction
{
    /// <summary>It was already as defined.</summary>
    Unchanged,

    /// <summary>It did not exist and was created.</summary>
    Created,

    /// <summary>It existed with other settings and was updated.</summary>
    Updated,

    /// <summary>Verified: it does not exist.</summary>
    Missing,

    /// <summary>Verified: it exists with other settings (left as it is).</summary>
    Differs,
}
