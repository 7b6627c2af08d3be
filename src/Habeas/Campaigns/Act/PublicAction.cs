using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Stories;
using Habeas.Core.Campaigns;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Act;

/// <summary>
/// An action as the public site shows it, read as an anonymous visitor whoever asks (the query filters then give
/// published records only): its published cases and the prisoners in them (defendants only: no witness, lawyer or
/// complainant is ever named here), its targets and updates. Null unless the action is public and issued.
/// </summary>
public sealed class PublicAction
{
    public sealed record PublicCase(Guid Id, string Title, Habeas.Platform.Shared.LocalizedText Summary, IReadOnlyList<Person> Prisoners);

    private static readonly string[] PrisonerRoles = ["defendant", "co-defendant"];

    public required CampaignAction Action { get; init; }
    public required IReadOnlyList<PublicCase> Cases { get; init; }
    public required IReadOnlyList<CampaignTarget> Targets { get; init; }

    /// <summary>The published success story of the action, once it has one.</summary>
    public Guid? StoryId { get; init; }

    /// <summary>Issued or updated: letters and cards are still asked for. A closed action shows its outcome instead.</summary>
    public bool IsOpen => Action.Status is ActionLifecycle.Issued or ActionLifecycle.Updated;

    public IReadOnlyList<Person> Prisoners => Cases.SelectMany(c => c.Prisoners).DistinctBy(p => p.Id).ToList();

    public CampaignTarget? Target(Guid? id) => Targets.FirstOrDefault(t => t.Id == id);

    /// <summary>The action as published; null when it is not, or when <paramref name="open"/> asks for an action still
    /// taking letters and cards and this one is closed.</summary>
    public static async Task<PublicAction?> LoadAsync(HabeasDb db, Guid id, CancellationToken cancellationToken, bool open = false)
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (
            action is null
            || !action.Public
            || action.Status == ActionLifecycle.Draft
            || (open && action.Status is not (ActionLifecycle.Issued or ActionLifecycle.Updated))
        )
        {
            return null;
        }
        return await OfAsync(db, action, cancellationToken);
    }

    /// <summary>
    /// A campaigner's preview of the action as its public pages and letters would show it, before it is public (the
    /// letter preview, /actions/{id}/letters/preview): the action read as the signed-in reader (null when they may not see
    /// it), then its cases, prisoners and story read as the anonymous visitor, as <see cref="LoadAsync"/> reads them, so the
    /// letter names exactly the prisoners the public letter would name today.
    /// </summary>
    public static async Task<PublicAction?> PreviewAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return null;
        }
        var reader = db.Viewer;
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        try
        {
            return await OfAsync(db, action, cancellationToken);
        }
        finally
        {
            // The letter's template is the action's, which the anonymous visitor may not see before it is public.
            db.Viewer = reader;
        }
    }

    private static async Task<PublicAction> OfAsync(HabeasDb db, CampaignAction action, CancellationToken cancellationToken)
    {
        var id = action.Id;
        var caseIds = action.Cases.Select(c => c.CaseId).ToList();
        var cases = await db
            .Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id))
            .Include(c => c.Participants.Where(p => PrisonerRoles.Contains(p.Role)))
                .ThenInclude(p => p.Person!)
                    .ThenInclude(p => p.Names)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var storyId = await db
            .Stories.AsNoTracking()
            .Where(s => s.ActionId == id && s.Published)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new PublicAction
        {
            Action = action,
            StoryId = storyId,
            Cases = cases
                .OrderBy(c => c.Title, StringComparer.Ordinal)
                .Select(c => new PublicCase(
                    c.Id,
                    c.Title,
                    c.Summary,
                    c.Participants.Where(p => p.Person is not null).Select(p => p.Person!).ToList()
                ))
                .ToList(),
            Targets = action
                .Targets.Where(t => t.Target is not null)
                .Select(t => t.Target!)
                .OrderBy(t => t.DisplayName, StringComparer.Ordinal)
                .ToList(),
        };
    }
}
