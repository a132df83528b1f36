using System.Globalization;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using Polly.Timeout;

namespace FunctionsOrders.ServiceDefaults.JetStream;

/// <summary>Sorts the failures of one publish attempt into retry-worthy and final.</summary>
internal static class PublishErrors
{
    // JSStreamStoreFailedF (nats-server errors.json): the store refused the message. With a Discard New stream
    // at its limits the description reads "maximum bytes exceeded" or "maximum messages exceeded".
    private const int StreamStoreFailed = 10077;

    // JSStreamWrongLastSequenceErrF: a publish expecting another last sequence on its subject. The description
    // reads "wrong last sequence: <the subject's last sequence>".
    private const int WrongLastSequence = 10071;

    /// <summary>
    /// True when the stream refused a publish because its subject's last sequence is not the one expected;
    /// <paramref name="lastSequence"/> is the subject's (0 when the description does not say).
    /// </summary>
    public static bool IsWrongLastSequence(ApiError error, out ulong lastSequence)
    {
        lastSequence = 0;
        if (error.ErrCode != WrongLastSequence)
        {
            return false;
        }

        var description = error.Description ?? string.Empty;
        _ = ulong.TryParse(description.AsSpan(description.LastIndexOf(':') + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out lastSequence);
        return true;
    }

    public static bool IsStreamFull(NatsJSApiException e) =>
        e.Error.ErrCode == StreamStoreFailed
        && (e.Error.Description?.Contains("maximum", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>True when the same publish, with the same id, may succeed if tried again.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutRejectedException => true,
        TimeoutException => true,
        NatsJSApiException api => api.Error.Code is 503 or 408 or 500 && !IsStreamFull(api),
        NatsNoRespondersException => true,
        NatsNoReplyException => true,
        NatsJSPublishNoResponseException => true,
        NatsJSException => true,
        NatsException => true,
        _ => false,
    };
}
