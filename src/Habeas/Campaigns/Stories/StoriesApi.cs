using Habeas.Campaigns.Actions;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Stories;

/// <summary>
/// The success story of an action, for staff: read it, write it (campaign policy; the action must be closed), publish or
/// unpublish it (coordinators and administrators only). Media are files uploaded to the action first
/// (POST /api/v1/actions/{id}/files), named by id. Readers who may not see every case of the action get 404.
/// </summary>
public static class StoriesApi
{
    public sealed record QuoteDto(string Words, string? Speaker, string? SaidOn, string? PublishedIn, bool Consent, string? ConsentBy);

    public sealed record MediaDto(Guid Id, Guid FileId, string? Caption, string Credit, bool Consent, string? ConsentBy, string Url);

    public sealed record StoryDto(
        Guid Id,
        int Version,
        Guid ActionId,
        IReadOnlyDictionary<string, string> Title,
        IReadOnlyDictionary<string, string> Text,
        bool Published,
        DateTimeOffset? PublishedAt,
        string? PublishedBy,
        string? PublicUrl,
        IReadOnlyList<QuoteDto> Quotes,
        IReadOnlyList<MediaDto> Media
    );

    public sealed record PublishInput(bool? Published);

    public static void Map(WebApplication app)
    {
        var actions = app.MapGroup("/api/v1/actions").WithTags("Campaigns").RequireAuthorization(Habeas.Platform.Accounts.Policies.Read);
        actions
            .MapGet("/{id:guid}/story", GetAsync)
            .WithSummary("The action's success story as staff see it: every quote and image, with consent, published or not.");
        actions
            .MapPut("/{id:guid}/story", PutAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary(
                "Write the success story of a closed action: title and text per language (en, km, th), quotes, media (fileIds of images uploaded to the action); version to update."
            );
        actions
            .MapPost("/{id:guid}/story/publish", PublishAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary("Publish the story on /stories/{id} (coordinators and administrators); {\"published\": false} takes it off.");
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        if (
            !await ActionAccess.ActionVisibleAsync(db, id, cancellationToken) || await LoadAsync(db, id, cancellationToken) is not { } story
        )
        {
            return NotFound(id);
        }
        return Results.Ok(Dto(story));
    }

    private static async Task<IResult> PutAsync(Guid id, StoryInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null || !await ActionAccess.ActionVisibleAsync(db, id, cancellationToken))
        {
            return NotFound(id);
        }
        var story = await LoadAsync(db, id, cancellationToken);
        if (StoryInput.Refusal(action, story, db.Viewer) is { } refusal)
        {
            return Habeas.Platform.Api.Problems.Said(
                refusal.Status,
                refusal.Status == 403 ? "stories.problem.notYours" : "actions.problem.stage",
                refusal.Key
            );
        }
        var validation = await input.ValidateAsync(db, action, cancellationToken);
        if (story is null)
        {
            if (!validation.IsValid)
            {
                return validation.Problem();
            }
            story = new Story { ActionId = id };
            input.ApplyTo(story);
            db.Stories.Add(story);
            await db.SaveChangesAsync(cancellationToken);
            return Results.Created($"/api/v1/actions/{id}/story", new { id = story.Id, version = story.Version });
        }
        return await Saving.UpdateAsync(db, story, validation, input.Version, () => input.ApplyTo(story), cancellationToken);
    }

    private static async Task<IResult> PublishAsync(
        Guid id,
        PublishInput? input,
        HabeasDb db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (
            !await ActionAccess.ActionVisibleAsync(db, id, cancellationToken) || await LoadAsync(db, id, cancellationToken) is not { } story
        )
        {
            return NotFound(id);
        }
        if (!db.Viewer.MayPublish)
        {
            return Habeas.Platform.Api.Problems.Said(403, "stories.problem.notYoursToPublish", "stories.problem.publishDetail");
        }
        SetPublished(db, story, input?.Published ?? true, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Results.Ok(Dto(story));
    }

    /// <summary>Publishes or unpublishes (the caller has checked the reader may), with its own audit entry.</summary>
    public static void SetPublished(HabeasDb db, Story story, bool published, DateTimeOffset now)
    {
        if (story.Published == published)
        {
            return;
        }
        story.Published = published;
        story.PublishedAt = published ? now : null;
        story.PublishedBy = published ? db.Actor : null;
        db.LogAction(published ? "story-published" : "story-unpublished", story.RecordType, story.Id);
    }

    public static Task<Story?> LoadAsync(HabeasDb db, Guid actionId, CancellationToken cancellationToken) =>
        db
            .Stories.Include(s => s.Quotes)
            .Include(s => s.Media)
                .ThenInclude(m => m.File)
            .FirstOrDefaultAsync(s => s.ActionId == actionId, cancellationToken);

    private static StoryDto Dto(Story s) =>
        new(
            s.Id,
            s.Version,
            s.ActionId,
            s.Title,
            s.Text,
            s.Published,
            s.PublishedAt,
            s.PublishedBy,
            s.Published ? $"/stories/{s.Id}" : null,
            s.Quotes.OrderBy(q => q.Position)
                .Select(q => new QuoteDto(q.Words, q.Speaker, q.SaidOn?.ToString(), q.PublishedIn, q.Consent, q.ConsentBy))
                .ToList(),
            s.Media.OrderBy(m => m.Position)
                .Select(m => new MediaDto(m.Id, m.FileId, m.Caption, m.Credit, m.Consent, m.ConsentBy, $"/files/{m.FileId}"))
                .ToList()
        );

    private static IResult NotFound(Guid id) =>
        Habeas.Platform.Api.Problems.Said(404, "stories.problem.notFound", "stories.problem.notFoundDetail", id);
}
