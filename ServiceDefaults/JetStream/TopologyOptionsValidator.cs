using FunctionsOrders.Contracts.Topology;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>
/// Refuses <c>Topology:AtStart=Apply</c> outside the Development environment: one host with a wrong setting would
/// otherwise change a stream every other host shares (a smaller <c>max_bytes</c> discards unprocessed orders).
/// </summary>
internal sealed class TopologyOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<TopologyOptions>
{
    public ValidateOptionsResult Validate(string? name, TopologyOptions options)
    {
        if (options.AtStart == TopologyAtStart.Apply && environment?.IsDevelopment() != true)
        {
            return ValidateOptionsResult.Fail(
                $"Topology:AtStart=Apply is allowed in the Development environment only (this is '{environment?.EnvironmentName ?? "unknown"}'). " +
                "Remove it and apply the topology with 'NatsBridge topology apply', as the topology user.");
        }

        return ValidateOptionsResult.Success;
    }
}
