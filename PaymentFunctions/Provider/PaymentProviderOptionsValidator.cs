using Microsoft.Extensions.Options;

namespace FunctionsOrders.PaymentFunctions.Provider;

/// <summary>Fails the start on a bad <c>Payments:Provider</c> setting, naming the key.</summary>
internal sealed class PaymentProviderOptionsValidator : IValidateOptions<PaymentProviderOptions>
{
    private const string Prefix = PaymentProviderOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, PaymentProviderOptions options)
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{Prefix}BaseUrl '{options.BaseUrl}' is not an absolute http:// or https:// URL.");
        }

        if (string.IsNullOrWhiteSpace(options.SearchPath) || !options.SearchPath.Contains(PaymentProviderOptions.OrderIdPlaceholder, StringComparison.Ordinal)
            || !Uri.TryCreate(options.SearchPath, UriKind.Relative, out _) || options.SearchPath.StartsWith('/'))
        {
            errors.Add($"{Prefix}SearchPath '{options.SearchPath}' must be a path relative to {Prefix}BaseUrl (no leading '/') holding {PaymentProviderOptions.OrderIdPlaceholder}.");
        }

        if (options.TotalTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{Prefix}TotalTimeout must be greater than zero (it is {options.TotalTimeout}).");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > options.TotalTimeout)
        {
            errors.Add($"{Prefix}AttemptTimeout must be greater than zero and at most {Prefix}TotalTimeout (it is {options.AttemptTimeout}).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            errors.Add($"{Prefix}MaxRetries must be 0..10 (it is {options.MaxRetries}).");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add($"{Prefix}RetryBaseDelay must be greater than zero and at most {Prefix}RetryMaxDelay.");
        }

        if (options.BreakerFailureThreshold < 2)
        {
            errors.Add($"{Prefix}BreakerFailureThreshold must be at least 2 (it is {options.BreakerFailureThreshold}).");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Prefix}BreakDuration must be at least 00:00:00.500 (it is {options.BreakDuration}).");
        }

        if (options.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Prefix}BreakerSamplingDuration must be at least 00:00:00.500 (it is {options.BreakerSamplingDuration}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
