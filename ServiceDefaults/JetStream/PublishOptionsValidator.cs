using Microsoft.Extensions.Options;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>Fails the start on a bad <c>Nats:Publish</c> setting, naming the key.</summary>
internal sealed class PublishOptionsValidator : IValidateOptions<PublishOptions>
{
    public ValidateOptionsResult Validate(string? name, PublishOptions options)
    {
        var errors = new List<string>();
        if (options.Deadline <= TimeSpan.Zero)
        {
            errors.Add($"Nats:Publish:Deadline must be greater than zero (it is {options.Deadline}).");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.Deadline)
        {
            errors.Add($"Nats:Publish:AttemptTimeout must be greater than zero and at most Nats:Publish:Deadline (it is {options.AttemptTimeout}).");
        }

        if (options.MaxRetries is < 0 or > 100)
        {
            errors.Add($"Nats:Publish:MaxRetries must be 0..100 (it is {options.MaxRetries}).");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Nats:Publish:RetryBaseDelay must be greater than zero and at most Nats:Publish:RetryMaxDelay.");
        }

        if (options.MaxInFlight is < 1 or > 1_000_000)
        {
            errors.Add($"Nats:Publish:MaxInFlight must be 1..1000000 (it is {options.MaxInFlight}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
