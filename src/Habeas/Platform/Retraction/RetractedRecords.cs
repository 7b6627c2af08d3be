using Habeas.Platform.Shared;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Retraction;

/// <summary>
/// A page or API read of a retracted record answers 410 Gone to a reader who may see the record (any other reader gets
/// the 404 the filters give): the API with problem details naming the reason, a page with the status page saying when
/// and why, and — to a coordinator — a button that restores it. The public site says only that the record was
/// withdrawn: the reason is staff's. The pages of one record are those its mapping declares
/// (<see cref="RetractionRule.Pages"/>); only reads (GET, HEAD) are answered here.
/// </summary>
public static class RetractedRecords
{
    /// <summary>The key under which a page's 410 leaves the record for the status page (Shared/Status.cshtml).</summary>
    public const string ItemKey = "habeas.retracted";

    /// <summary>What the status page shows of a retracted record.</summary>
    public sealed record Gone(RetractableKind Kind, IRetractable Record, bool Public);

    private static readonly IReadOnlyList<(string Prefix, string Suffix, RetractableKind Kind)> Pages = Retractions
        .Kinds.SelectMany(k =>
            k.Rule.Pages.Select(p =>
            {
                var at = p.IndexOf("{id}", StringComparison.Ordinal);
                return (p[..at], p[(at + 4)..], k);
            })
        )
        .ToList();

    public static IApplicationBuilder UseRetractedRecords(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                if (
                    (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                    && Match(context.Request.Path) is var (kind, id)
                )
                {
                    var db = context.RequestServices.GetRequiredService<HabeasDb>();
                    if (await Retractions.FindAsync(db, kind, id, context.RequestAborted) is { RetractedAt: not null } record)
                    {
                        await AnswerAsync(context, kind, record);
                        return;
                    }
                }
                await next(context);
            }
        );

    /// <summary>The kind and id of a page of one record this path names, if any.</summary>
    public static (RetractableKind Kind, Guid Id)? Match(PathString path)
    {
        var value = path.Value ?? "";
        foreach (var (prefix, suffix, kind) in Pages)
        {
            if (
                value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && value.Length >= prefix.Length + 36
                && Guid.TryParseExact(value.AsSpan(prefix.Length, 36), "D", out var id)
            )
            {
                var rest = value[(prefix.Length + 36)..];
                if (rest.StartsWith(suffix, StringComparison.Ordinal) && (rest.Length == suffix.Length || rest[suffix.Length] == '/'))
                {
                    return (kind, id);
                }
            }
        }
        return null;
    }

    private static async Task AnswerAsync(HttpContext context, RetractableKind kind, IRetractable record)
    {
        var path = context.Request.Path;
        var onPublicSite =
            path.StartsWithSegments("/public", StringComparison.Ordinal) || path.StartsWithSegments("/act", StringComparison.Ordinal);
        if (path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            var texts = context.RequestServices.GetRequiredService<Localization.Texts>();
            await Results
                .Problem(
                    statusCode: StatusCodes.Status410Gone,
                    title: texts["retraction.gone.title"],
                    detail: record.RetractionReason,
                    extensions: new Dictionary<string, object?>
                    {
                        ["retractedAt"] = record.RetractedAt,
                        ["retractedBy"] = record.RetractedBy,
                        ["kind"] = kind.Segment,
                        ["id"] = record.Id,
                    }
                )
                .ExecuteAsync(context);
            return;
        }
        context.Items[ItemKey] = new Gone(kind, record, onPublicSite);
        context.Response.StatusCode = StatusCodes.Status410Gone;
    }
}
