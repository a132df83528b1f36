using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentProvider;

/// <summary>Fails the start on a bad <c>Simulator</c> setting, naming the key.</summary>
internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options) =>
        options.IdempotencyKeyTtl is { } ttl && ttl <= TimeSpan.Zero
            ? ValidateOptionsResult.Fail(
                $"{SimulatorOptions.SectionName}:IdempotencyKeyTtl must be greater than zero, or empty to keep keys for good (it is {ttl}).")
            : ValidateOptionsResult.Success;
}
