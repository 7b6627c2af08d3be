using Habeas.Platform.Localization;
using Habeas.Platform.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Habeas.Platform.Storage;

/// <summary>
/// The one place where a full disk, a read-only data folder or a database that went away becomes an answer: a 503
/// (Service Unavailable, with Retry-After) that says which fault it is and that nothing was saved — a problem+json for
/// the API; for pages, the form shown again with what was typed and the message (<see cref="StorageFaultPageFilter"/>),
/// or else a plain page with the message. Nothing is kept from one request to the next, so the first request after
/// the fault clears succeeds. PostgreSQL's pooled connections died with the server, so they are dropped here.
/// </summary>
public sealed class StorageFaultHandler(
    IProblemDetailsService problems,
    Texts texts,
    StorageOptions storage,
    ILogger<StorageFaultHandler> logger
) : IExceptionHandler
{
    public const int RetryAfterSeconds = 10;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (StorageFaults.Classify(exception, storage) is not { } fault)
        {
            return false;
        }
        Noticed(fault, exception, httpContext, logger);
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!new PathString(path).StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // Not the error page: showing it would sign the user in again, from the database that has the fault.
            await WritePageAsync(httpContext, fault);
            return true;
        }
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = StorageFaults.Title(fault),
            Detail = "Nothing of this request was saved. Send it again (with the same Idempotency-Key) once the operator has fixed it.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        };
        problem.Extensions["fault"] = Code(fault);
        problem.Extensions["traceId"] = Correlation.Id(httpContext);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    private async Task WritePageAsync(HttpContext httpContext, StorageFault fault)
    {
        var language = httpContext
            .Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>()
            ?.RequestCulture.UICulture.TwoLetterISOLanguageName;
        language = language is not null && Texts.Languages.Contains(language) ? language : "en";
        string T(string key) => System.Net.WebUtility.HtmlEncode(texts.Get(language, key));
        httpContext.Response.ContentType = "text/html; charset=utf-8";
        await httpContext.Response.WriteAsync(
            $"""
            <!doctype html>
            <html lang="{language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{T(
                "error.title"
            )}</title></head>
            <body><main><h1>{T("error.title")}</h1><p role="alert">{T(StorageFaults.TextKey(fault))}</p>
            <p>{T("error.reference")} <code>{System.Net.WebUtility.HtmlEncode(Correlation.Id(httpContext))}</code></p><p><a href="/">{T(
                "error.home"
            )}</a></p></main></body></html>
            """
        );
    }

    /// <summary>The fault's name in answers: disk-full, read-only, database-unavailable.</summary>
    public static string Code(StorageFault fault) =>
        fault switch
        {
            StorageFault.DiskFull => "disk-full",
            StorageFault.ReadOnly => "read-only",
            _ => "database-unavailable",
        };

    /// <summary>Logs the fault for the operator (once per request) and drops the pooled connections.</summary>
    public static void Noticed(StorageFault fault, Exception exception, HttpContext httpContext, ILogger logger)
    {
        // Pooled connections outlive the fault otherwise: PostgreSQL's were cut when the server went away, and a SQLite
        // connection opened while the folder was read-only stays read-only. New ones are opened once it has cleared.
        // SQLite's are kept on a full disk: closing the last one removes the write-ahead log's index, which cannot be
        // made again until there is space, so every read would fail too; kept, they go on serving reads.
        NpgsqlConnection.ClearAllPools();
        if (fault != StorageFault.DiskFull)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        if (httpContext.Items.TryAdd(typeof(StorageFault), fault))
        {
            logger.LogError(
                exception,
                "Storage fault {Fault} for {Method} {Path} ({CorrelationId}): nothing was saved",
                Code(fault),
                httpContext.Request.Method,
                httpContext.Request.Path.Value,
                Correlation.Id(httpContext)
            );
        }
    }
}

/// <summary>
/// A form whose saving failed for a storage fault is shown again, status 503, with everything the user typed and a
/// message at the top that says what is wrong and that nothing was saved: they send it again when it is fixed.
/// </summary>
public sealed class StorageFaultPageFilter(Texts texts, StorageOptions storage, ILogger<StorageFaultHandler> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (
            executed.Exception is { } exception
            && !executed.ExceptionHandled
            && !HttpMethods.IsGet(context.HttpContext.Request.Method)
            && executed.HandlerInstance is PageModel page
            && StorageFaults.Classify(exception, storage) is { } fault
        )
        {
            StorageFaultHandler.Noticed(fault, exception, context.HttpContext, logger);
            page.ModelState.AddModelError("", texts[StorageFaults.TextKey(fault)]);
            executed.ExceptionHandled = true;
            executed.Result = new PageResult { StatusCode = StatusCodes.Status503ServiceUnavailable };
            context.HttpContext.Response.Headers.RetryAfter = StorageFaultHandler.RetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
        }
    }
}
