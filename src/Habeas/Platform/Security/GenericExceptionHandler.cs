using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Platform.Security;

/// <summary>
/// The last exception handler: logs the exception with the correlation id, answers /api/ requests with a
/// problem+json 500 that carries only that id, and leaves pages to the generic error page (/error).
/// Nothing of the exception (type, message, stack) reaches the client.
/// </summary>
public sealed class GenericExceptionHandler(IProblemDetailsService problems, ILogger<GenericExceptionHandler> logger) : IExceptionHandler
{
    public const string ErrorPath = "/error";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var id = Correlation.Id(httpContext);
        // By now the request path is the error page's; the feature keeps the one that failed.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        logger.LogError(exception, "Unexpected error {CorrelationId} for {Method} {Path}", id, httpContext.Request.Method, path);
        if (!new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "An unexpected error occurred.",
            Detail = $"The error was logged with the reference {id}.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        };
        problem.Extensions["traceId"] = id;
        return await problems.TryWriteAsync(
            new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = problem,
                Exception = exception,
            }
        );
    }
}
