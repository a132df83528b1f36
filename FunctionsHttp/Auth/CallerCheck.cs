namespace FunctionsOrders.FunctionsHttp.Auth;

/// <summary>The outcome of authenticating one request.</summary>
public readonly record struct CallerCheck
{
    private CallerCheck(CallerVerdict verdict, string? subject, string? error)
    {
        Verdict = verdict;
        Subject = subject;
        Error = error;
    }

    /// <summary>Whether the caller may go on, and if not, why.</summary>
    public CallerVerdict Verdict { get; }

    /// <summary>The authenticated customer or caller; null in Development mode, where nobody is authenticated.</summary>
    public string? Subject { get; }

    /// <summary>Why the request is refused, for the problem document.</summary>
    public string? Error { get; }

    /// <summary>True when the request may go on.</summary>
    public bool Allowed => Verdict == CallerVerdict.Allowed;

    internal static CallerCheck Anonymous => new(CallerVerdict.Allowed, null, null);

    internal static CallerCheck As(string subject) => new(CallerVerdict.Allowed, subject, null);

    internal static CallerCheck Unauthenticated(string error) => new(CallerVerdict.Unauthenticated, null, error);

    internal static CallerCheck Forbidden(string error) => new(CallerVerdict.Forbidden, null, error);

    internal static CallerCheck Unavailable(string error) => new(CallerVerdict.Unavailable, null, error);
}

/// <summary>What became of a request's credentials.</summary>
public enum CallerVerdict
{
    /// <summary>Authenticated, or authentication is off (Development mode).</summary>
    Allowed,

    /// <summary>No token, or one that does not validate: 401.</summary>
    Unauthenticated,

    /// <summary>A valid token of a caller that may not call this route: 403.</summary>
    Forbidden,

    /// <summary>The identity provider's metadata could not be read: 503, try again.</summary>
    Unavailable,
}
