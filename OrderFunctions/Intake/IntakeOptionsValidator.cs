using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FunctionsOrders.OrderFunctions.Intake;

/// <summary>The checks of <c>Orders</c> that attributes cannot make: the order-id key and the rate limit.</summary>
internal sealed class IntakeOptionsValidator(IHostEnvironment environment) : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OrderIdKey))
        {
            if (IntakeOptions.OrderIdKeyBytes(options.OrderIdKey) is null)
            {
                errors.Add("Orders:OrderIdKey must be base64 of at least 32 random bytes (openssl rand -base64 32).");
            }
        }
        else if (!environment.IsDevelopment())
        {
            errors.Add($"Orders:OrderIdKey is required outside the Development environment (this app runs in '{environment.EnvironmentName}'): base64 of at least 32 random bytes (openssl rand -base64 32), kept secret and unchanged for as long as ORDERS keeps orders.");
        }

        var limit = options.RateLimit;
        if (limit.PerSecond is < 0 or > 100_000)
        {
            errors.Add("Orders:RateLimit:PerSecond must be between 0 (off) and 100000.");
        }

        if (limit.Burst is < 1 or > 1_000_000)
        {
            errors.Add("Orders:RateLimit:Burst must be between 1 and 1000000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
