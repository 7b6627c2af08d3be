using Habeas.Campaigns.Actions;
using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Files;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Stories;

/// <summary>
/// What the public site shows of a published story, read as an anonymous visitor whoever asks: the story's own words,
/// the cases as published, the outcome, the date of the outcome's event only when that event is public, the quotes with
/// consent, and the images with consent and their credit. Never the action's notes, its closing date or its targets.
/// </summary>
public static class PublicStory
{
    public sealed record CaseView(string Title, string Summary);

    public sealed record MediaView(Guid Id, string? Caption, string Credit, string Url);

    public sealed record View(
        Guid Id,
        LocalizedText Title,
        LocalizedText Text,
        DateTimeOffset? PublishedAt,
        string? Outcome,
        FuzzyDate? OutcomeDate,
        IReadOnlyList<CaseView> Cases,
        IReadOnlyList<StoryQuote> Quotes,
        IReadOnlyList<MediaView> Media
    );

    public static async Task<View?> LoadAsync(HabeasDb db, Guid storyId, CancellationToken cancellationToken)
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        var story = await db
            .Stories.AsNoTracking()
            .Include(s => s.Quotes)
            .Include(s => s.Media)
            .FirstOrDefaultAsync(s => s.Id == storyId && s.Published, cancellationToken);
        if (story is null)
        {
            return null;
        }
        var action = await db
            .CampaignActions.AsNoTracking()
            .Include(a => a.Cases)
            .FirstAsync(a => a.Id == story.ActionId, cancellationToken);
        var caseIds = action.Cases.Select(c => c.CaseId).ToList();
        // The level filter (anonymous viewer) keeps only published cases and events.
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.Title).ToListAsync(cancellationToken);
        var outcomeEvent = action.OutcomeEventId is { } eventId
            ? await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            : null;
        return new View(
            story.Id,
            story.Title,
            story.Text,
            story.PublishedAt,
            action.Outcome,
            outcomeEvent?.Date,
            cases.Select(c => new CaseView(c.Title, c.Summary.Best())).ToList(),
            story.Quotes.Where(q => q.Consent).OrderBy(q => q.Position).ToList(),
            story
                .Media.Where(m => m.Consent)
                .OrderBy(m => m.Position)
                .Select(m => new MediaView(m.Id, m.Caption, m.Credit, $"/stories/{story.Id}/media/{m.Id}"))
                .ToList()
        );
    }

    /// <summary><c>GET /stories/{id}/media/{mediaId}</c>, open to all: an image of a published story whose publication was consented to;
    /// else 404.</summary>
    public static void Map(WebApplication app) =>
        app.MapGet(
                "/stories/{id:guid}/media/{mediaId:guid}",
                async (
                    Guid id,
                    Guid mediaId,
                    HttpContext context,
                    HabeasDb db,
                    FileStore store,
                    ILoggerFactory logs,
                    CancellationToken cancellationToken
                ) =>
                {
                    db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
                    var file = await db
                        .StoryMedia.AsNoTracking()
                        .Where(m => m.Id == mediaId && m.StoryId == id && m.Consent && db.Set<Story>().Any(s => s.Id == id && s.Published))
                        .Select(m => m.File)
                        .FirstOrDefaultAsync(cancellationToken);
                    return file is null || !file.IsImage
                        ? Results.NotFound()
                        : await FileResponses.ServeAsync(
                            context,
                            store,
                            file,
                            logs.CreateLogger("Habeas.Campaigns.Files"),
                            cancellationToken
                        );
                }
            )
            .AllowAnonymous()
            .ExcludeFromDescription();
}
