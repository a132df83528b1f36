using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Processing;

/// <summary>Fails the start on a bad <c>Payments</c> setting, naming the key.</summary>
internal sealed class PaymentOptionsValidator : IValidateOptions<PaymentOptions>
{
    public ValidateOptionsResult Validate(string? name, PaymentOptions options)
    {
        var errors = new List<string>();
        if (options.MaxConcurrency is < 1 or > 256)
        {
            errors.Add($"Payments:MaxConcurrency must be 1..256 (it is {options.MaxConcurrency}).");
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > TimeSpan.FromHours(1))
        {
            errors.Add($"Payments:RetryDelay must be between 00:00:00 and 01:00:00 (it is {options.RetryDelay}).");
        }

        if (options.MessageBudget <= TimeSpan.Zero || options.MessageBudget > TimeSpan.FromMinutes(10))
        {
            errors.Add($"Payments:MessageBudget must be greater than zero and at most 00:10:00 (it is {options.MessageBudget}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
