using System.Net;

namespace Ich.Inference.Client;

/// <summary>
/// A request the inference service did not answer with an <see cref="Contract.InferenceResponse"/>: a refusal, a
/// server error, a timeout or no connection. <see cref="IsTransient"/> tells a retry policy whether the same request
/// may succeed later.
/// </summary>
public sealed class InferenceServiceException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="statusCode">The HTTP status; null when no response arrived.</param>
    /// <param name="retryAfter">The service's <c>Retry-After</c>, when sent.</param>
    /// <param name="isTransient">Whether the same request may succeed later.</param>
    /// <param name="innerException">The cause, if any.</param>
    public InferenceServiceException(string message, HttpStatusCode? statusCode, TimeSpan? retryAfter, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        IsTransient = isTransient;
    }

    /// <summary>The HTTP status; null when no response arrived (timeout, connection refused or reset).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>How long the service asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// True for 408, 429, 5xx, timeouts and connection failures: retry, after <see cref="RetryAfter"/> when given.
    /// False for refusals of the request itself (400, 413, 415, 422, other 4xx) and for bodies that are not a
    /// response: retrying the same request cannot help.
    /// </summary>
    public bool IsTransient { get; }

    /// <summary>Whether a status means "try again later".</summary>
    public static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
