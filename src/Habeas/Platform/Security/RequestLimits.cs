using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Platform.Security;

/// <summary>
/// Request bodies are at most 1 MB (a record, a form): a larger one gets 413 with a problem body before anything
/// reads it. Kestrel enforces the same limit on bodies sent without a length. The routes that take uploads say how
/// much more they take (the host passes each feature's limit, e.g. Files/FilesEndpoints.BodyLimit). Form posts whose text holds control
/// characters are refused (400), as the API
/// refuses them (Api/ApiJson).
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    /// <param name="app">The application.</param>
    /// <param name="uploads">The body limit of each kind of upload route, or null for any other request.</param>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, params Func<HttpContext, long?>[] uploads) =>
        app.Use(
            async (context, next) =>
            {
                // Only the upload routes take larger bodies.
                var limit = uploads.Select(upload => upload(context)).FirstOrDefault(l => l is not null) ?? MaxBodyBytes;
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                {
                    feature.MaxRequestBodySize = limit;
                }
                if (context.Request.ContentLength > limit)
                {
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                    await context
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = context,
                                ProblemDetails = new ProblemDetails
                                {
                                    Status = 413,
                                    Title = "The request is too large.",
                                    Detail = $"Send at most {limit / 1024} KB; this request has {context.Request.ContentLength / 1024} KB.",
                                },
                            }
                        );
                    return;
                }
                if (context.Request.HasFormContentType && await HasControlCharactersAsync(context.Request))
                {
                    // Only a crafted request sends these (PostgreSQL cannot store a NUL): refused whole, before any handler.
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context
                        .RequestServices.GetRequiredService<IProblemDetailsService>()
                        .WriteAsync(
                            new ProblemDetailsContext
                            {
                                HttpContext = context,
                                ProblemDetails = new ProblemDetails
                                {
                                    Status = 400,
                                    Title = "The form could not be read.",
                                    Detail =
                                        "The form is malformed, or its text holds control characters (only tab and line breaks are allowed).",
                                },
                            }
                        );
                    return;
                }
                await next(context);
            }
        );

    private static async Task<bool> HasControlCharactersAsync(HttpRequest request)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return true; // the form reader itself refuses a NUL, and forms over its limits
        }
        return form.Any(field =>
            field.Value.Any(value => value is not null && value.Any(c => char.IsControl(c) && c is not '\t' and not '\n' and not '\r'))
        );
    }
}
