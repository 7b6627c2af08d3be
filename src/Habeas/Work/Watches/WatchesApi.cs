using Habeas.Platform.Accounts;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Watches;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Watches;

/// <summary>/api/v1/watches: the reader's own watches. Watching a record the reader cannot see answers 404, as if it did not
/// exist.</summary>
public static class WatchesApi
{
    public sealed record WatchInput(string? RecordType, Guid? RecordId);

    public sealed record WatchItem(string RecordType, Guid RecordId, DateTimeOffset CreatedAt);

    public static void Map(RouteGroupBuilder api)
    {
        var watches = api.MapGroup("/watches").WithTags("Watches");
        watches.MapGet("/", ListAsync).WithSummary("The people, cases and actions you watch.");
        watches.MapPost("/", WatchAsync).WithSummary("Watch a person, a case or an action (recordType person, case or action; recordId).");
        watches.MapDelete("/{recordType}/{recordId:guid}", UnwatchAsync).WithSummary("Stop watching a record.");
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        HabeasDb db,
        UserManager<HabeasUser> users,
        CancellationToken cancellationToken
    )
    {
        var userId = users.GetUserId(http.User)!;
        var items = await db
            .Watches.AsNoTracking()
            .Where(w => w.UserId == userId)
            .OrderBy(w => w.CreatedAt)
            .Take(2000)
            .Select(w => new WatchItem(w.RecordType, w.RecordId, w.CreatedAt))
            .ToListAsync(cancellationToken);
        return Results.Ok(new { items });
    }

    private static async Task<IResult> WatchAsync(
        WatchInput input,
        HttpContext http,
        HabeasDb db,
        UserManager<HabeasUser> users,
        CancellationToken cancellationToken
    )
    {
        var validation = new Validation();
        if (input.RecordType is null || !Watch.RecordTypes.Contains(input.RecordType))
        {
            validation.Add("recordType", "watches.invalidType", input.RecordType ?? "");
        }
        if (input.RecordId is null)
        {
            validation.Add("recordId", "watches.noRecord");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        if (!await Watching.WatchAsync(db, users.GetUserId(http.User)!, input.RecordType!, input.RecordId!.Value, cancellationToken))
        {
            return Habeas.Platform.Api.Problems.Said(
                404,
                "watches.problem.noRecord",
                "watches.problem.noRecordDetail",
                new Validation.Label("watches.type." + input.RecordType),
                input.RecordId
            );
        }
        return Results.Created($"/api/v1/watches/{input.RecordType}/{input.RecordId}", new { input.RecordType, input.RecordId });
    }

    private static async Task<IResult> UnwatchAsync(
        string recordType,
        Guid recordId,
        HttpContext http,
        HabeasDb db,
        UserManager<HabeasUser> users,
        CancellationToken cancellationToken
    ) =>
        await Watching.UnwatchAsync(db, users.GetUserId(http.User)!, recordType, recordId, cancellationToken) > 0
            ? Results.NoContent()
            : Habeas.Platform.Api.Problems.Said(
                404,
                "watches.problem.notWatched",
                "watches.problem.notWatchedDetail",
                Watch.RecordTypes.Contains(recordType) ? (object)new Validation.Label("watches.type." + recordType) : recordType,
                recordId
            );
}
