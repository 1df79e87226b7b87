using Ich.Inference.Client.Contract;

namespace Ich.InferenceService.Requests;

/// <summary>Why a request was refused: the HTTP status and a reason a caller can act on.</summary>
/// <param name="Status">HTTP status code (400, 413, 415, 429, 503).</param>
/// <param name="Reason">One sentence naming what is wrong.</param>
/// <param name="RetryAfterSeconds">When set, sent as <c>Retry-After</c>: the request may succeed later unchanged.</param>
public sealed record RequestProblem(int Status, string Reason, int? RetryAfterSeconds = null)
{
    /// <summary>Writes the problem as <c>{"error": reason, "status": n}</c>, with Retry-After when set.</summary>
    public IResult ToResult()
    {
        return new ProblemResult(this);
    }

    private sealed class ProblemResult(RequestProblem problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = problem.Status;
            if (problem.RetryAfterSeconds is { } seconds) httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return httpContext.Response.WriteAsJsonAsync(new ErrorBody(problem.Reason, problem.Status));
        }
    }
}
