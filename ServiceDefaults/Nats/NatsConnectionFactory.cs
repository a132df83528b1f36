using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace FunctionsOrders.ServiceDefaults.Nats;

/// <summary>Builds the client options from <see cref="NatsOptions"/>: reconnect forever, with backoff and jitter.</summary>
internal static class NatsConnectionFactory
{
    public static NatsOpts CreateOpts(NatsOptions options, string defaultName, ILoggerFactory loggerFactory) => new()
    {
        Url = string.Join(',', options.Urls()),
        Name = string.IsNullOrWhiteSpace(options.Name) ? defaultName : options.Name,
        AuthOpts = new NatsAuthOpts
        {
            Username = NullIfEmpty(options.User),
            Password = NullIfEmpty(options.Password),
            Token = NullIfEmpty(options.Token),
            NKeyFile = NullIfEmpty(options.NKeySeedFile),
            CredsFile = NullIfEmpty(options.CredsFile),
        },
        TlsOpts = new NatsTlsOpts
        {
            Mode = options.Tls.Mode,
            CaFile = NullIfEmpty(options.Tls.CaFile),
            CertFile = NullIfEmpty(options.Tls.CertFile),
            KeyFile = NullIfEmpty(options.Tls.KeyFile),
            InsecureSkipVerify = options.Tls.InsecureSkipVerify,
        },
        ConnectTimeout = options.ConnectTimeout,
        RequestTimeout = options.RequestTimeout,
        MaxReconnectRetry = -1,
        ReconnectWaitMin = options.ReconnectWaitMin,
        ReconnectWaitMax = options.ReconnectWaitMax,
        ReconnectJitter = options.ReconnectJitter,
        RetryOnInitialConnect = options.RetryOnInitialConnect,
        LoggerFactory = loggerFactory,
    };

    /// <summary>Creates a connection whose state changes are logged as structured warnings.</summary>
    public static NatsConnection Create(NatsOpts opts, ILogger logger)
    {
        var connection = new NatsConnection(opts);
        connection.ConnectionDisconnected += (_, e) =>
        {
            Log.NatsDisconnected(logger, opts.Name, e.Message);
            return ValueTask.CompletedTask;
        };
        connection.ConnectionOpened += (_, e) =>
        {
            Log.NatsConnected(logger, opts.Name, e.Message);
            return ValueTask.CompletedTask;
        };
        connection.ReconnectFailed += (_, e) =>
        {
            Log.NatsReconnectFailed(logger, opts.Name, e.Message);
            return ValueTask.CompletedTask;
        };
        connection.MessageDropped += (_, e) =>
        {
            Log.NatsMessageDropped(logger, opts.Name, e.Subject, e.Pending);
            return ValueTask.CompletedTask;
        };
        connection.ServerError += (_, e) =>
        {
            Log.NatsServerError(logger, opts.Name, e.Error);
            return ValueTask.CompletedTask;
        };
        return connection;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
