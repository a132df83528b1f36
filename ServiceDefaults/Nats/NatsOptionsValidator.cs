using Microsoft.Extensions.Options;

namespace FunctionsOrders.ServiceDefaults.Nats;

/// <summary>Fails the start on a bad <c>Nats</c> setting, naming the key.</summary>
internal sealed class NatsOptionsValidator : IValidateOptions<NatsOptions>
{
    private static readonly string[] Schemes = ["nats", "tls", "ws", "wss"];

    public ValidateOptionsResult Validate(string? name, NatsOptions options)
    {
        var errors = new List<string>();
        var urls = options.Urls();
        if (urls.Length == 0)
        {
            errors.Add("Nats:Url is required (e.g. nats://127.0.0.1:4222).");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !Schemes.Contains(uri.Scheme))
            {
                errors.Add($"Nats:Url '{url}' is not a nats://, tls://, ws:// or wss:// URL.");
            }
        }

        var methods = new[]
        {
            !string.IsNullOrEmpty(options.User) || !string.IsNullOrEmpty(options.Password),
            !string.IsNullOrEmpty(options.Token),
            !string.IsNullOrEmpty(options.NKeySeedFile),
            !string.IsNullOrEmpty(options.CredsFile),
        };
        if (methods.Count(m => m) > 1)
        {
            errors.Add("Nats: set only one of User/Password, Token, NKeySeedFile and CredsFile.");
        }

        if (string.IsNullOrEmpty(options.User) != string.IsNullOrEmpty(options.Password))
        {
            errors.Add("Nats:User and Nats:Password go together: set both or neither.");
        }

        RequireFile(errors, "Nats:NKeySeedFile", options.NKeySeedFile);
        RequireFile(errors, "Nats:CredsFile", options.CredsFile);
        RequireFile(errors, "Nats:Tls:CaFile", options.Tls.CaFile);
        RequireFile(errors, "Nats:Tls:CertFile", options.Tls.CertFile);
        RequireFile(errors, "Nats:Tls:KeyFile", options.Tls.KeyFile);
        if (string.IsNullOrEmpty(options.Tls.CertFile) != string.IsNullOrEmpty(options.Tls.KeyFile))
        {
            errors.Add("Nats:Tls:CertFile and Nats:Tls:KeyFile go together: set both or neither.");
        }

        RequirePositive(errors, "Nats:ConnectTimeout", options.ConnectTimeout);
        RequirePositive(errors, "Nats:ReconnectWaitMin", options.ReconnectWaitMin);
        RequirePositive(errors, "Nats:RequestTimeout", options.RequestTimeout);
        if (options.ReconnectWaitMax < options.ReconnectWaitMin)
        {
            errors.Add("Nats:ReconnectWaitMax must not be shorter than Nats:ReconnectWaitMin.");
        }

        if (options.ReconnectJitter < TimeSpan.Zero)
        {
            errors.Add("Nats:ReconnectJitter must not be negative.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireFile(List<string> errors, string key, string? path)
    {
        if (!string.IsNullOrEmpty(path) && !File.Exists(path))
        {
            errors.Add($"{key}: file '{path}' does not exist.");
        }
    }

    private static void RequirePositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} must be greater than zero (it is {value}).");
        }
    }
}
