using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Deadlines;

/// <summary>The legal time limits: read by any signed-in reader (reference data, public by nature), edited by an
/// administrator; an edit rebuilds every stored deadline.</summary>
public static class LimitsApi
{
    public sealed record LimitDto(
        Guid Id,
        int Version,
        string Code,
        string Country,
        string Kind,
        string? OffenceClass,
        int Months,
        int Days,
        string Law,
        string Article,
        string CodeVersion,
        bool Verified,
        string? SourceUrl,
        string? Note
    );

    public static void Map(RouteGroupBuilder api)
    {
        var limits = api.MapGroup("/time-limits").WithTags("Deadlines");
        limits
            .MapGet("/", ListAsync)
            .WithSummary("Every legal time limit, by country, kind and code, with its source (law, article, code version).");
        limits
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write, Habeas.Platform.Accounts.Policies.Administer)
            .WithSummary(
                "Change a limit's length (months 0–120, days 0–366, not both 0), law, article, code version, verified, "
                    + "sourceUrl (http or https) and note; send the version you read. Every stored deadline is rebuilt."
            );
    }

    private static async Task<IResult> ListAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var rows = await db.TimeLimits.AsNoTracking().ToListAsync(cancellationToken);
        var items = rows.OrderBy(l => l.Country, StringComparer.Ordinal)
            .ThenBy(l => l.Kind, StringComparer.Ordinal)
            .ThenBy(l => l.Code, StringComparer.Ordinal)
            .Select(ToDto);
        return Results.Ok(new { items });
    }

    private static async Task<IResult> UpdateAsync(Guid id, LimitInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var limit = await db.TimeLimits.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (limit is null)
        {
            return Problems.NotFound("time-limit", id);
        }
        var result = await Saving.UpdateAsync(
            db,
            limit,
            await input.ValidateAsync(db, id, cancellationToken),
            input.Version,
            () => input.ApplyTo(limit, isNew: false),
            cancellationToken
        );
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            await DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        }
        return result;
    }

    private static LimitDto ToDto(LegalTimeLimit l) =>
        new(
            l.Id,
            l.Version,
            l.Code,
            l.Country,
            l.Kind,
            l.OffenceClass,
            l.Months,
            l.Days,
            l.Law,
            l.Article,
            l.CodeVersion,
            l.Verified,
            l.SourceUrl,
            l.Note
        );
}
