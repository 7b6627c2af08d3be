using Habeas.Platform.Access;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Publication;

/// <summary>
/// Publishing a case in one step (docs/public-site.md): the case, its people (its participants and the people of its
/// events), its events and the sources cited for any of them, chosen by a coordinator or administrator
/// (<see cref="LevelRule"/>, the same rule as each record's own form), made public in one save through the one write path
/// (a version and an audit entry per record, the public custody rebuilt), with one <c>case-published</c> audit entry naming
/// every version it made, which the feed shows as one entry. Unpublishing takes the chosen ones back to internal the same
/// way (<c>case-unpublished</c>). Charges and citations have no level of their own: the public site shows a charge when its
/// case (and its defendant, when it names one) is public, a citation when its source and what it cites are.
/// A restricted record is never published here: it must first be made internal on its own page, deliberately.
/// </summary>
public static class CasePublication
{
    /// <summary>The audit action of a case publication, on the audit record type <see cref="AuditType"/> with the case's id.</summary>
    public const string PublishedAction = "case-published";

    public const string UnpublishedAction = "case-unpublished";

    /// <summary>Publications have their own audit record type, so the feed finds them on the audit log's (record_type,
    /// record_id) index.</summary>
    public const string AuditType = "publication";

    /// <summary>The detail of the audit entry naming the versions the save made: "type/id/version" separated by spaces.</summary>
    public const string VersionsDetail = "versions";

    private static readonly string[] DefendantRoles = ["defendant", "co-defendant"];

    /// <summary>One record of the case that has a level. <see cref="Suggested"/>: ticked at first on the publishing page
    /// (the case, its defendants, its events and its sources; other people, such as witnesses and lawyers, are left for
    /// the coordinator to choose). <see cref="Restricted"/> records are listed but cannot be chosen.
    /// <see cref="Role"/> is a person's role in the case (case-role vocabulary; null for someone only in its events),
    /// <see cref="Date"/> an event's date.</summary>
    public sealed record Item(
        string Type,
        Guid Id,
        string Label,
        string? Role,
        string Level,
        bool Suggested,
        Habeas.Core.Dates.FuzzyDate? Date = null
    )
    {
        public bool Restricted => Level == RecordLevels.Restricted;

        public bool Public => Level == RecordLevels.Public;
    }

    /// <summary>What the case holds, as the reader may see it (records hidden from them are not listed and are never
    /// changed).</summary>
    public sealed class Contents
    {
        internal Contents(Case @case, List<Item> items, Dictionary<Guid, IHasLevel> records, List<Charge> charges, List<Citation> citations)
        {
            Case = @case;
            Items = items;
            Records = records;
            Charges = charges;
            Citations = citations;
        }

        public Case Case { get; }

        public IReadOnlyList<Item> Items { get; }

        public IReadOnlyList<Charge> Charges { get; }

        public IReadOnlyList<Citation> Citations { get; }

        internal Dictionary<Guid, IHasLevel> Records { get; }

        public IEnumerable<Guid> SuggestedForPublishing => Items.Where(i => i.Suggested && !i.Public && !i.Restricted).Select(i => i.Id);

        public IEnumerable<Guid> PublicNow => Items.Where(i => i.Public).Select(i => i.Id);
    }

    /// <summary>The records of a case the reader may see, tracked so that <see cref="SaveAsync"/> changes them; null when
    /// there is no such case for the reader.</summary>
    public static async Task<Contents?> LoadAsync(HabeasDb db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var found = await db
            .Cases.Include(c => c.Participants)
                .ThenInclude(p => p.Person!)
                    .ThenInclude(p => p.Names)
            .Include(c => c.Charges)
                .ThenInclude(ch => ch.Provision)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (found is null)
        {
            return null;
        }
        var events = PersonProfile.Chronological(
            await db
                .Events.Include(e => e.People)
                    .ThenInclude(p => p.Person!)
                        .ThenInclude(p => p.Names)
                .AsSplitQuery()
                .Where(e => e.CaseId == caseId)
                .ToListAsync(cancellationToken)
        );
        var language = Platform.Localization.Texts.CurrentLanguage;
        var items = new List<Item> { new("case", found.Id, found.Title, null, found.Level, true) };
        var records = new Dictionary<Guid, IHasLevel> { [found.Id] = found };
        foreach (var p in found.Participants.Where(p => p.Person is { MergedIntoId: null }).OrderBy(p => p.Person!.DisplayName))
        {
            if (records.TryAdd(p.PersonId, p.Person!))
            {
                items.Add(new("person", p.PersonId, p.Person!.NameFor(language), p.Role, p.Person.Level, DefendantRoles.Contains(p.Role)));
            }
        }
        foreach (var person in events.SelectMany(e => e.People).Select(p => p.Person).OfType<Person>().Where(p => p.MergedIntoId is null))
        {
            if (records.TryAdd(person.Id, person))
            {
                items.Add(new("person", person.Id, person.NameFor(language), null, person.Level, false));
            }
        }
        foreach (var e in events)
        {
            records[e.Id] = e;
            items.Add(new("event", e.Id, e.Type, null, e.Level, true, e.Date));
        }
        var eventIds = events.Select(e => e.Id).ToList();
        var personIds = items.Where(i => i.Type == "person").Select(i => i.Id).ToList();
        var chargeIds = found.Charges.Select(ch => ch.Id).ToList();
        var citations = await db
            .Citations.Include(c => c.Source)
            .Where(c =>
                (c.TargetType == "case" && c.TargetId == caseId)
                || (c.TargetType == "event" && eventIds.Contains(c.TargetId))
                || (c.TargetType == "person" && personIds.Contains(c.TargetId))
                || (c.TargetType == "charge" && chargeIds.Contains(c.TargetId))
            )
            .ToListAsync(cancellationToken);
        foreach (var source in citations.Select(c => c.Source).OfType<Source>().DistinctBy(s => s.Id).OrderBy(s => s.Title))
        {
            if (records.TryAdd(source.Id, source))
            {
                items.Add(new("source", source.Id, source.Title, null, source.Level, true));
            }
        }
        return new Contents(found, items, records, found.Charges.ToList(), citations.Where(c => c.Source is not null).ToList());
    }

    /// <summary>
    /// Makes the chosen records public in one save with one <see cref="PublishedAction"/> audit entry, or, with
    /// <paramref name="publish"/> false, takes them back to internal (<see cref="UnpublishedAction"/>). Refused (nothing
    /// saved) when an id is not a record of the case the reader sees, when a record is restricted, or when nothing would
    /// change; a reader who may not publish gets <see cref="AccessDeniedException"/> (403). Returns the records changed.
    /// </summary>
    public static async Task<(Validation Validation, IReadOnlyList<Item> Changed)> SaveAsync(
        HabeasDb db,
        Contents contents,
        IReadOnlyCollection<Guid> ids,
        bool publish,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(ids);
        var validation = new Validation();
        if (!db.Viewer.MayPublish)
        {
            throw new AccessDeniedException(Habeas.Platform.Api.Problems.Texts["publication.refused.role"]);
        }
        var target = publish ? RecordLevels.Public : RecordLevels.Internal;
        var changed = new List<Item>();
        foreach (var id in ids.Distinct())
        {
            var item = contents.Items.FirstOrDefault(i => i.Id == id);
            if (item is null)
            {
                validation.Add("records", "publication.notInCase");
                continue;
            }
            if (item.Restricted)
            {
                validation.Add("records", "publication.restricted", item.Label);
                continue;
            }
            if (item.Level == target || (!publish && !item.Public))
            {
                continue;
            }
            changed.Add(item);
        }
        if (validation.IsValid && changed.Count == 0)
        {
            validation.Add("records", publish ? "publication.nothingToPublish" : "publication.nothingToUnpublish");
        }
        if (!validation.IsValid)
        {
            return (validation, []);
        }
        var versions = new List<string>();
        foreach (var item in changed)
        {
            var record = contents.Records[item.Id];
            RecordLevels.Set(record, target, db.Viewer);
            // The save stamps each changed record with its next version (RecordSaving); the entry names that version.
            versions.Add($"{item.Type}/{item.Id}/{((IVersioned)record).Version + 1}");
        }
        db.LogAction(
            publish ? PublishedAction : UnpublishedAction,
            AuditType,
            contents.Case.Id,
            details: new Dictionary<string, string?> { [VersionsDetail] = string.Join(' ', versions) }
        );
        await db.SaveChangesAsync(cancellationToken);
        return (validation, changed);
    }
}
