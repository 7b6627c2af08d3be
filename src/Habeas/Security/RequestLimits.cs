using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Habeas.Security;

/// <summary>
/// Request bodies are at most 1 MB (a record, a form): a larger one gets 413 with a problem body before anything
/// reads it. Kestrel enforces the same limit on bodies sent without a length. File uploads, when they come, set
/// their own limit on their endpoint.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = MaxBodyBytes;
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = 413,
                    Title = "The request is too large.",
                    Detail = $"Send at most {MaxBodyBytes / 1024} KB; this request has {context.Request.ContentLength / 1024} KB.",
                },
            });
            return;
        }
        await next(context);
    });
}
