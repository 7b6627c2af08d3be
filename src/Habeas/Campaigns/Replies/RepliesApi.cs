using System.Globalization;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Files;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Replies;

/// <summary>
/// Replies from targets and acknowledgements from the prisoner, per action. JSON: files are uploaded first
/// (POST /api/v1/actions/{id}/files) and named by id. An action whose cases the reader may not all see has no replies
/// for that reader (404).
/// </summary>
public static class RepliesApi
{
    public sealed record ReplyDto(
        Guid Id,
        int Version,
        string Kind,
        Guid? TargetId,
        string? Target,
        string ReceivedOn,
        string Summary,
        string? Language,
        IReadOnlyList<FilesEndpoints.FileDto> Files
    );

    public static void Map(WebApplication app)
    {
        var actions = app.MapGroup("/api/v1/actions").WithTags("Campaigns").RequireAuthorization(Habeas.Platform.Accounts.Policies.Read);
        actions
            .MapGet("/{id:guid}/replies", ListAsync)
            .WithSummary("The replies from targets and acknowledgements from the prisoner, newest first, with their files.");
        actions
            .MapPost("/{id:guid}/replies", AddAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary(
                "Record a reply (kind target-reply, with targetId) or an acknowledgement: receivedOn, summary, language, fileIds of files uploaded to the action."
            );
    }

    private static async Task<IResult> ListAsync(Guid id, HabeasDb db, CancellationToken cancellationToken) =>
        await ActionAccess.ActionVisibleAsync(db, id, cancellationToken)
            ? Results.Ok(new { items = await ListOfAsync(db, id, cancellationToken) })
            : NotFound(id);

    private static async Task<IResult> AddAsync(
        Guid id,
        ReplyInput input,
        HabeasDb db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null || !await ActionAccess.ActionVisibleAsync(db, id, cancellationToken))
        {
            return NotFound(id);
        }
        var validation = await input.ValidateAsync(db, action, time.Today(), cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var reply = input.Create(action);
        db.Replies.Add(reply);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/actions/{id}/replies", new { id = reply.Id, version = reply.Version });
    }

    public static async Task<IReadOnlyList<ReplyDto>> ListOfAsync(HabeasDb db, Guid actionId, CancellationToken cancellationToken)
    {
        var replies = await db
            .Replies.AsNoTracking()
            .Include(r => r.Files)
                .ThenInclude(f => f.File)
            .Where(r => r.ActionId == actionId)
            .OrderByDescending(r => r.ReceivedOn)
            .ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
        var targetIds = replies.Where(r => r.TargetId != null).Select(r => r.TargetId!.Value).Distinct().ToList();
        var targets = (
            await db.CampaignTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToListAsync(cancellationToken)
        ).ToDictionary(t => t.Id, t => t.DisplayName);
        return replies
            .Select(r => new ReplyDto(
                r.Id,
                r.Version,
                r.Kind,
                r.TargetId,
                r.TargetId is { } t ? targets.GetValueOrDefault(t) : null,
                r.ReceivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Summary,
                r.Language,
                r.Files.Where(f => f.File is not null)
                    .Select(f => FilesEndpoints.Dto(f.File!))
                    .OrderBy(f => f.Name, StringComparer.Ordinal)
                    .ToList()
            ))
            .ToList();
    }

    private static IResult NotFound(Guid id) => Habeas.Platform.Api.Problems.NotFound("action", id);
}
