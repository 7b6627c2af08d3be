using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Platform.Api;

/// <summary>
/// Turns a request the API cannot read (malformed JSON, a value of the wrong type, an unknown field)
/// into a 400 problem that names the field; anything else goes on to Security/GenericExceptionHandler.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException badRequest)
        {
            var json = FindJsonException(badRequest);
            var field = json?.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            var detail =
                json is null ? badRequest.Message
                : field is null ? Problems.Say("problem.unreadable.json")
                : Localization.Texts.CurrentLanguage == "en" ? Problems.Say("problem.unreadable.field", field, FirstSentence(json.Message))
                // The serializer's own words are English: another language gets the general reason.
                : Problems.Say("problem.unreadable.fieldValue", field);
            httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            var problem = new ProblemDetails
            {
                Status = 400,
                Title = Problems.Say("problem.unreadable.title"),
                Detail = detail,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            };
            if (field is not null)
            {
                problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
            }
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
        }

        if (exception is Access.AccessDeniedException or UnauthorizedAccessException)
        {
            // Our own refusals carry a message written for the user (it names no record content).
            httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return await problems.TryWriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 403,
                        Title = Problems.Say("problem.forbidden.title"),
                        Detail = exception is Access.AccessDeniedException denied ? denied.Said : exception.Message,
                        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                    },
                }
            );
        }

        return false; // GenericExceptionHandler logs it with the correlation id and answers generically
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
