using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Stories;
using Habeas.Core.Campaigns;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Public;

/// <summary>
/// A public profile and a public case page, read as an anonymous visitor whoever asks: the database's level filters then
/// give published people, cases, events and sources only, and a case's people, an event's people and a citation's source
/// only when those are published too. Nothing here picks fields out of an unfiltered read, and confidential values
/// (Confidential/, read only through their own policy) are never read. Custody comes from the public timeline
/// (published_custody_periods), derived from the person's public events only.
/// </summary>
public static class PublicRecords
{
    public sealed record Link(Guid Id, LocalizedText Title);

    public sealed record Profile(
        Person Person,
        IReadOnlyList<PublishedCustodyPeriod> Custody,
        IReadOnlyList<Case> Cases,
        IReadOnlyList<Event> Events,
        IReadOnlyList<Citation> Citations,
        IReadOnlyList<Link> Stories,
        IReadOnlyList<Link> Actions
    );

    public sealed record CaseView(
        Case Case,
        IReadOnlyList<Person> Defendants,
        IReadOnlyList<Charge> Charges,
        IReadOnlyList<Event> Events,
        IReadOnlyList<Citation> Citations,
        IReadOnlyList<Link> Actions
    );

    private static readonly string[] DefendantRoles = ["defendant", "co-defendant"];

    /// <summary>
    /// A staff preview: the page as the public would see it if the records named in <paramref name="asPublic"/> were
    /// published too. It reads as the signed-in reader (so only what they may see) and then keeps, by the public site's
    /// own rules, what is public or named here: a case's defendants, an event's people and case, a citation's source and
    /// target only when those are kept too, custody from the kept events only. Never used for anonymous readers.
    /// </summary>
    public sealed class Preview(IReadOnlySet<Guid> asPublic)
    {
        public IReadOnlySet<Guid> AsPublic { get; } = asPublic;

        public bool Shows(Habeas.Platform.Access.IHasLevel? record) =>
            record is not null && (record.Level == Habeas.Platform.Access.RecordLevels.Public || AsPublic.Contains(record.Id));

        /// <summary>Whether the page shown differs from today's public page (something named is not public yet).</summary>
        public bool Differs(IEnumerable<Habeas.Platform.Access.IHasLevel> records) =>
            records.Any(r => r.Level != Habeas.Platform.Access.RecordLevels.Public && AsPublic.Contains(r.Id));

        /// <summary>Keeps, of events read as staff, those the public would see, with only their public people and case.</summary>
        internal List<Event> Events(IEnumerable<Event> events)
        {
            var kept = events.Where(Shows).ToList();
            foreach (var e in kept)
            {
                e.People = e.People.Where(p => p.Person is not null && Shows(p.Person) && p.Person.MergedIntoId is null).ToList();
                if (!Shows(e.Case))
                {
                    e.Case = null;
                }
            }
            return kept;
        }
    }

    /// <summary>A public profile, read as the anonymous visitor; with <paramref name="preview"/>, a signed-in reader's
    /// preview of it (<see cref="Preview"/>).</summary>
    public static async Task<Profile?> ProfileAsync(HabeasDb db, Guid id, CancellationToken cancellationToken, Preview? preview = null)
    {
        if (preview is null)
        {
            db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        }
        var person = await db
            .People.AsNoTracking()
            .Include(p => p.Names)
            .Include(p => p.Tags)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null || (preview is not null && (!preview.Shows(person) || person.MergedIntoId is not null)))
        {
            return null;
        }
        var events = await EventsQuery(db).Where(e => e.People.Any(p => p.PersonId == id)).ToListAsync(cancellationToken);
        if (preview is not null)
        {
            events = preview.Events(events);
        }
        events = PersonProfile.Chronological(events);
        var custody = preview is not null
            ? CustodySaving.PublicTimeline(id, events).ToList()
            : await db
                .PublishedCustodyPeriods.AsNoTracking()
                .Where(c => c.PersonId == id)
                .OrderBy(c => c.Sequence)
                .ToListAsync(cancellationToken);
        var cases = await db
            .Cases.AsNoTracking()
            .Where(c => c.Participants.Any(p => p.PersonId == id && DefendantRoles.Contains(p.Role)))
            .OrderBy(c => c.Title)
            .ToListAsync(cancellationToken);
        if (preview is not null)
        {
            cases = cases.Where(preview.Shows).ToList();
        }
        var caseIds = cases.Select(c => c.Id).ToList();
        var eventIds = events.Select(e => e.Id).ToList();
        var citations = await CitationsAsync(
            db,
            c => (c.TargetType == "person" && c.TargetId == id) || (c.TargetType == "event" && eventIds.Contains(c.TargetId)),
            preview,
            cancellationToken
        );
        var actions = await ActionsAsync(db, caseIds, cancellationToken);
        var actionIds = actions.Select(a => a.Id).ToList();
        var stories = (
            await db
                .Stories.AsNoTracking()
                .Where(s => s.Published && actionIds.Contains(s.ActionId))
                .Select(s => new { s.Id, s.Title })
                .ToListAsync(cancellationToken)
        )
            .Select(s => new Link(s.Id, s.Title))
            .ToList();
        return new Profile(person, custody, cases, events, citations, stories, actions);
    }

    /// <summary>A public case page, read as the anonymous visitor; with <paramref name="preview"/>, a signed-in reader's
    /// preview of it (<see cref="Preview"/>).</summary>
    public static async Task<CaseView?> CaseAsync(HabeasDb db, Guid id, CancellationToken cancellationToken, Preview? preview = null)
    {
        if (preview is null)
        {
            db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        }
        var found = await db
            .Cases.AsNoTracking()
            .Include(c => c.Jurisdiction)
                .ThenInclude(j => j!.Parent)
            .Include(c => c.Participants.Where(p => DefendantRoles.Contains(p.Role)))
                .ThenInclude(p => p.Person!)
                    .ThenInclude(p => p.Names)
            .Include(c => c.Charges)
                .ThenInclude(ch => ch.Provision)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null || (preview is not null && !preview.Shows(found)))
        {
            return null;
        }
        var defendants = found
            .Participants.Where(p =>
                p.Person is not null && (preview is null || (preview.Shows(p.Person) && p.Person.MergedIntoId is null))
            )
            .Select(p => p.Person!)
            .DistinctBy(p => p.Id)
            .OrderBy(p => p.DisplayName, StringComparer.Ordinal)
            .ToList();
        var defendantIds = defendants.Select(p => p.Id).ToHashSet();
        // A charge against one defendant shows only when that defendant is public too.
        var charges = found.Charges.Where(ch => ch.PersonId is null || defendantIds.Contains(ch.PersonId.Value)).ToList();
        var events = await EventsQuery(db).Where(e => e.CaseId == id).ToListAsync(cancellationToken);
        events = PersonProfile.Chronological(preview is null ? events : preview.Events(events));
        var eventIds = events.Select(e => e.Id).ToList();
        var citations = await CitationsAsync(
            db,
            c => (c.TargetType == "case" && c.TargetId == id) || (c.TargetType == "event" && eventIds.Contains(c.TargetId)),
            preview,
            cancellationToken
        );
        return new CaseView(found, defendants, charges, events, citations, await ActionsAsync(db, [id], cancellationToken));
    }

    /// <summary>Public events with their place, case (when public), the organisations acting and the public people concerned.</summary>
    private static IQueryable<Event> EventsQuery(HabeasDb db) =>
        db
            .Events.AsNoTracking()
            .Include(e => e.Place)
                .ThenInclude(p => p!.Parent)
            .Include(e => e.Case)
            .Include(e => e.Actors)
                .ThenInclude(a => a.Organisation)
            .Include(e => e.People)
                .ThenInclude(p => p.Person!)
                    .ThenInclude(p => p.Names)
            .AsSplitQuery();

    /// <summary>Citations of what is shown (the caller's <paramref name="which"/> names only shown targets); in a preview, only
    /// those whose source the public would see.</summary>
    private static async Task<IReadOnlyList<Citation>> CitationsAsync(
        HabeasDb db,
        System.Linq.Expressions.Expression<Func<Citation, bool>> which,
        Preview? preview,
        CancellationToken cancellationToken
    )
    {
        var citations = await db
            .Citations.AsNoTracking()
            .Include(c => c.Source)
            .Where(which)
            .OrderBy(c => c.Source!.Title)
            .ToListAsync(cancellationToken);
        return preview is null ? citations : citations.Where(c => preview.Shows(c.Source)).ToList();
    }

    /// <summary>The public actions (/act/{id}) issued for these cases.</summary>
    private static async Task<IReadOnlyList<Link>> ActionsAsync(
        HabeasDb db,
        IReadOnlyCollection<Guid> caseIds,
        CancellationToken cancellationToken
    ) => (
            await db
                .CampaignActions.AsNoTracking()
                .Where(a => a.Public && a.Status != ActionLifecycle.Draft && a.Cases.Any(c => caseIds.Contains(c.CaseId)))
                .Select(a => new
                {
                    a.Id,
                    a.Code,
                    a.Title,
                })
                .ToListAsync(cancellationToken)
        ).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new Link(a.Id, LocalizedText.Of("en", $"{a.Code} · {a.Title}"))).ToList();
}
