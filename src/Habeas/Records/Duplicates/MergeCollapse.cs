using System.Globalization;
using System.Reflection;
using System.Text;
using Habeas.Core.Names;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Duplicates;

/// <summary>
/// What a merge keeps once instead of twice (docs/search.md, "Identical names and events"): a name of the duplicate
/// identical to one of the survivor's (same folded text, same script) stays with the duplicate, the richer of the two
/// lending the survivor's name what it lacked; two events that are the same fact collapse into one, the other retracted
/// ("merged: the same as event …") with its citations, actors, files and other links carried onto the one kept.
/// </summary>
public static class MergeCollapse
{
    /// <summary>A name of the survivor before a richer identical name of the duplicate filled it in.</summary>
    public sealed class NameBefore
    {
        public required string Text { get; set; }
        public required string Kind { get; set; }
        public string? FamilyName { get; set; }
        public string? GivenName { get; set; }
        public string? Language { get; set; }
    }

    /// <summary>A row that pointed at the retracted event and now points at the kept one (a file, an action's outcome).</summary>
    public sealed class Repointed
    {
        public required string Type { get; set; }
        public required string Field { get; set; }
        public Guid Id { get; set; }
    }

    /// <summary>One event retracted because another is the same fact, and what was carried onto that one.</summary>
    public sealed class CollapsedEvent
    {
        public Guid Retracted { get; set; }
        public Guid Kept { get; set; }
        public required string Reason { get; set; }
        public List<Guid> Actors { get; set; } = [];
        public List<Guid> Citations { get; set; } = [];
        public List<Repointed> Pointers { get; set; } = [];

        /// <summary>Languages of the retracted event's description the kept one had no text in, with the text added.</summary>
        public Dictionary<string, string> Description { get; set; } = [];
    }

    /// <summary>Two names are identical when their folded text (case, diacritics and punctuation set aside) and script
    /// are the same.</summary>
    public static bool Identical(PersonName a, PersonName b) =>
        a.Script == b.Script && NameFolding.Fold(a.Text) == NameFolding.Fold(b.Text);

    /// <summary>How much a name says beyond its letters: its structured parts and language first, then a kind chosen
    /// (not the default "alias"), then its diacritics.</summary>
    public static (int Parts, int Kind, int Marks) Richness(PersonName name) =>
        (
            new[] { name.FamilyName, name.GivenName, name.Language }.Count(p => !string.IsNullOrWhiteSpace(p)),
            name.Kind == "alias" ? 0 : 1,
            name.Text.Normalize(NormalizationForm.FormD).Count(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
        );

    /// <summary>True when <paramref name="candidate"/> says more than <paramref name="kept"/> (ties keep the survivor's).</summary>
    public static bool Richer(PersonName candidate, PersonName kept) => Richness(candidate).CompareTo(Richness(kept)) > 0;

    /// <summary>Fills the survivor's name from a richer identical one: its missing parts, its spelling, and its kind unless
    /// the survivor's name is primary (the survivor keeps its own primary name) or the richer one's kind is.</summary>
    public static NameBefore Enrich(PersonName kept, PersonName richer)
    {
        var before = new NameBefore
        {
            Text = kept.Text,
            Kind = kept.Kind,
            FamilyName = kept.FamilyName,
            GivenName = kept.GivenName,
            Language = kept.Language,
        };
        kept.FamilyName = string.IsNullOrWhiteSpace(kept.FamilyName) ? richer.FamilyName : kept.FamilyName;
        kept.GivenName = string.IsNullOrWhiteSpace(kept.GivenName) ? richer.GivenName : kept.GivenName;
        kept.Language = string.IsNullOrWhiteSpace(kept.Language) ? richer.Language : kept.Language;
        if (Richness(richer).Marks > Richness(kept).Marks)
        {
            kept.Text = richer.Text;
        }
        if (kept.Kind != NameKinds.Primary && richer.Kind != NameKinds.Primary && richer.Kind != "alias")
        {
            kept.Kind = richer.Kind;
        }
        return before;
    }

    /// <summary>Two events are the same fact when everything that says what happened is equal: type, date (value,
    /// precision and qualifiers), end date, place, case, level, decision, release reason, sentence and fine. A description
    /// may differ (two people wrote it); an undated event is never the same fact as another.</summary>
    public static bool SameFact(Event a, Event b) =>
        a.Date is not null
        && a.Type == b.Type
        && a.Date == b.Date
        && a.EndDate == b.EndDate
        && a.PlaceId == b.PlaceId
        && a.CaseId == b.CaseId
        && a.Level == b.Level
        && a.Decision == b.Decision
        && a.ReleaseReason == b.ReleaseReason
        && a.SentenceYears == b.SentenceYears
        && a.SentenceMonths == b.SentenceMonths
        && a.SentenceDays == b.SentenceDays
        && a.SuspendedYears == b.SuspendedYears
        && a.SuspendedMonths == b.SuspendedMonths
        && a.SuspendedDays == b.SuspendedDays
        && a.Fine == b.Fine;

    /// <summary>
    /// The events that merging <paramref name="duplicateId"/> into <paramref name="survivorId"/> collapses: pairs of an
    /// event of the duplicate's only and one of the survivor's only that are the same fact, where the people of one (the
    /// duplicate read as the survivor) are all people of the other. The one with fewer people is retracted (the
    /// duplicate's when they have the same people), so no one else's timeline loses anything. Events with confidential
    /// values on the side to retract are not collapsed: those values are encrypted under that event's id. Only events
    /// the merging user may see are considered. The events returned are tracked.
    /// </summary>
    public static async Task<List<(Event Retract, Event Keep)>> SameEventsAsync(
        HabeasDb db,
        Guid duplicateId,
        Guid survivorId,
        CancellationToken cancellationToken
    )
    {
        var links = await db
            .EventPeople.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(p => p.PersonId == duplicateId || p.PersonId == survivorId)
            .Select(p => new { p.EventId, p.PersonId })
            .ToListAsync(cancellationToken);
        var ofDuplicate = links.Where(l => l.PersonId == duplicateId).Select(l => l.EventId).ToHashSet();
        var ofSurvivor = links.Where(l => l.PersonId == survivorId).Select(l => l.EventId).ToHashSet();
        var shared = ofDuplicate.Intersect(ofSurvivor).ToHashSet();
        ofDuplicate.ExceptWith(shared);
        ofSurvivor.ExceptWith(shared);
        if (ofDuplicate.Count == 0 || ofSurvivor.Count == 0)
        {
            return [];
        }
        var ids = ofDuplicate.Concat(ofSurvivor).ToList();
        var events = PersonProfile.Chronological(
            await db.Events.Where(e => ids.Contains(e.Id) && e.Date != null).ToListAsync(cancellationToken)
        );
        if (events.Count < 2)
        {
            return [];
        }
        var visible = events.Select(e => e.Id).ToList();
        var people = (
            await db
                .EventPeople.IgnoreQueryFilters()
                .AsNoTracking()
                .Where(p => visible.Contains(p.EventId))
                .Select(p => new { p.EventId, p.PersonId })
                .ToListAsync(cancellationToken)
        ).ToLookup(p => p.EventId, p => p.PersonId == duplicateId ? survivorId : p.PersonId);
        var confidential = (
            await db
                .ConfidentialValues.AsNoTracking()
                .Where(c => c.RecordType == "event" && visible.Contains(c.RecordId))
                .Select(c => c.RecordId)
                .ToListAsync(cancellationToken)
        ).ToHashSet();

        var pairs = new List<(Event Retract, Event Keep)>();
        var retracted = new HashSet<Guid>();
        foreach (var moving in events.Where(e => ofDuplicate.Contains(e.Id)))
        {
            var movingPeople = people[moving.Id].ToHashSet();
            foreach (var own in events.Where(e => ofSurvivor.Contains(e.Id) && !retracted.Contains(e.Id) && SameFact(e, moving)))
            {
                var ownPeople = people[own.Id].ToHashSet();
                if (movingPeople.IsSubsetOf(ownPeople) && !confidential.Contains(moving.Id))
                {
                    pairs.Add((moving, own));
                    retracted.Add(moving.Id);
                    break;
                }
                if (ownPeople.IsProperSubsetOf(movingPeople) && !confidential.Contains(own.Id))
                {
                    pairs.Add((own, moving));
                    retracted.Add(own.Id);
                    break;
                }
            }
        }
        return pairs;
    }

    /// <summary>How many names and events merging <paramref name="duplicate"/> into <paramref name="survivor"/> would
    /// keep once (the compare page says so before the merge).</summary>
    public static async Task<(int Names, int Events)> PreviewAsync(
        HabeasDb db,
        Person duplicate,
        Person survivor,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(duplicate);
        ArgumentNullException.ThrowIfNull(survivor);
        var names = duplicate.Names.Count(n => survivor.Names.Any(s => Identical(s, n)));
        var events = await SameEventsAsync(db, duplicate.Id, survivor.Id, cancellationToken);
        return (names, events.Count);
    }

    /// <summary>Retracts <paramref name="retract"/> as the same fact as <paramref name="keep"/>, carrying its actors,
    /// citations, description languages and the rows that point at it onto <paramref name="keep"/> where not already there.
    /// Nothing is saved here: the merge's one save writes it, with the "retracted" version of the event.</summary>
    public static async Task<CollapsedEvent> CollapseAsync(
        HabeasDb db,
        Event retract,
        Event keep,
        Guid mergeId,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(retract);
        ArgumentNullException.ThrowIfNull(keep);
        var collapsed = new CollapsedEvent
        {
            Retracted = retract.Id,
            Kept = keep.Id,
            Reason = $"Merged: the same as event {keep.Id} (merge {mergeId}).",
        };
        var keptActors = await db.EventActors.Where(a => a.EventId == keep.Id).ToListAsync(cancellationToken);
        foreach (var actor in await db.EventActors.Where(a => a.EventId == retract.Id).ToListAsync(cancellationToken))
        {
            if (
                !keptActors.Any(k =>
                    k.OrganisationId == actor.OrganisationId && k.PersonId == actor.PersonId && k.Name == actor.Name && k.Role == actor.Role
                )
            )
            {
                actor.EventId = keep.Id;
                collapsed.Actors.Add(actor.Id);
            }
        }
        var keptCitations = await db
            .Citations.IgnoreQueryFilters()
            .Where(c => c.TargetType == "event" && c.TargetId == keep.Id && c.RetractedAt == null)
            .ToListAsync(cancellationToken);
        foreach (
            var citation in await db
                .Citations.IgnoreQueryFilters()
                .Where(c => c.TargetType == "event" && c.TargetId == retract.Id)
                .ToListAsync(cancellationToken)
        )
        {
            if (
                !keptCitations.Any(k =>
                    k.SourceId == citation.SourceId && k.Field == citation.Field && k.Page == citation.Page && k.Quote == citation.Quote
                )
            )
            {
                citation.TargetId = keep.Id;
                collapsed.Citations.Add(citation.Id);
            }
        }
        var description = new LocalizedText(keep.Description);
        foreach (var (language, text) in retract.Description)
        {
            if (!description.TryGetValue(language, out var held) || string.IsNullOrWhiteSpace(held))
            {
                description[language] = text;
                collapsed.Description[language] = text;
            }
        }
        if (collapsed.Description.Count > 0)
        {
            keep.Description = description;
        }
        foreach (var (type, field) in OtherPointers(db))
        {
            foreach (var id in await RepointAsync(db, type, field, retract.Id, keep.Id, null, cancellationToken))
            {
                collapsed.Pointers.Add(
                    new Repointed
                    {
                        Type = type.ClrType.FullName!,
                        Field = field,
                        Id = id,
                    }
                );
            }
        }
        retract.RetractedAt = db.Time.GetUtcNow();
        retract.RetractedBy = db.Actor;
        retract.RetractionReason = collapsed.Reason;
        return collapsed;
    }

    /// <summary>Undoes a collapse: what was carried goes back to the retracted event (rows since moved elsewhere stay),
    /// the description languages added are taken off the kept event when unchanged since, and the retracted event is
    /// restored unless someone restored or retracted it again since.</summary>
    public static async Task UndoAsync(HabeasDb db, CollapsedEvent collapsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collapsed);
        foreach (
            var actor in await db
                .EventActors.Where(a => collapsed.Actors.Contains(a.Id) && a.EventId == collapsed.Kept)
                .ToListAsync(cancellationToken)
        )
        {
            actor.EventId = collapsed.Retracted;
        }
        foreach (
            var citation in await db
                .Citations.IgnoreQueryFilters()
                .Where(c => collapsed.Citations.Contains(c.Id) && c.TargetType == "event" && c.TargetId == collapsed.Kept)
                .ToListAsync(cancellationToken)
        )
        {
            citation.TargetId = collapsed.Retracted;
        }
        foreach (var group in collapsed.Pointers.GroupBy(p => (p.Type, p.Field)))
        {
            var type = OtherPointers(db).FirstOrDefault(p => p.Type.ClrType.FullName == group.Key.Type && p.Field == group.Key.Field);
            if (type.Type is not null)
            {
                await RepointAsync(
                    db,
                    type.Type,
                    type.Field,
                    collapsed.Kept,
                    collapsed.Retracted,
                    group.Select(p => p.Id).ToList(),
                    cancellationToken
                );
            }
        }
        var events = await db
            .Events.IgnoreQueryFilters()
            .Where(e => e.Id == collapsed.Kept || e.Id == collapsed.Retracted)
            .ToListAsync(cancellationToken);
        if (events.FirstOrDefault(e => e.Id == collapsed.Kept) is { } kept && collapsed.Description.Count > 0)
        {
            var description = new LocalizedText(kept.Description);
            foreach (var (language, text) in collapsed.Description)
            {
                if (description.TryGetValue(language, out var held) && held == text)
                {
                    description.Remove(language);
                }
            }
            kept.Description = description;
        }
        if (events.FirstOrDefault(e => e.Id == collapsed.Retracted) is { } retracted && retracted.RetractionReason == collapsed.Reason)
        {
            retracted.RetractedAt = null;
            retracted.RetractedBy = null;
            retracted.RetractionReason = null;
        }
    }

    /// <summary>Every other kind of row with a foreign key to an event (a file, a campaign action's outcome), read from the
    /// model so that this feature names none of them; an event's people and actors are handled above.</summary>
    private static IEnumerable<(Microsoft.EntityFrameworkCore.Metadata.IEntityType Type, string Field)> OtherPointers(HabeasDb db) =>
        db
            .Model.FindEntityType(typeof(Event))!
            .GetReferencingForeignKeys()
            .Where(fk => fk.DeclaringEntityType.ClrType != typeof(EventPerson) && fk.DeclaringEntityType.ClrType != typeof(EventActor))
            .Where(fk =>
                fk.Properties.Count == 1
                && fk.Properties[0].ClrType == typeof(Guid?)
                && fk.DeclaringEntityType.FindPrimaryKey()?.Properties is [{ Name: "Id" } key]
                && key.ClrType == typeof(Guid)
            )
            .Select(fk => (fk.DeclaringEntityType, fk.Properties[0].Name))
            .OrderBy(p => p.DeclaringEntityType.ClrType.FullName, StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal);

    private static readonly MethodInfo RepointMethod = typeof(MergeCollapse).GetMethod(
        nameof(RepointOfAsync),
        BindingFlags.NonPublic | BindingFlags.Static
    )!;

    private static Task<List<Guid>> RepointAsync(
        HabeasDb db,
        Microsoft.EntityFrameworkCore.Metadata.IEntityType type,
        string field,
        Guid from,
        Guid to,
        List<Guid>? only,
        CancellationToken cancellationToken
    ) => (Task<List<Guid>>)RepointMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, field, from, to, only, cancellationToken])!;

    /// <summary>Points the rows of <typeparamref name="T"/> whose <paramref name="field"/> is <paramref name="from"/> (only
    /// those listed, when a list is given) at <paramref name="to"/>, tracked, so the one save writes and audits them.</summary>
    private static async Task<List<Guid>> RepointOfAsync<T>(
        HabeasDb db,
        string field,
        Guid from,
        Guid to,
        List<Guid>? only,
        CancellationToken cancellationToken
    )
        where T : class
    {
        var query = db.Set<T>().IgnoreQueryFilters().Where(r => EF.Property<Guid?>(r, field) == from);
        if (only is not null)
        {
            query = query.Where(r => only.Contains(EF.Property<Guid>(r, "Id")));
        }
        var moved = new List<Guid>();
        foreach (var row in await query.ToListAsync(cancellationToken))
        {
            var entry = db.Entry(row);
            entry.Property(field).CurrentValue = to;
            moved.Add((Guid)entry.Property("Id").CurrentValue!);
        }
        return moved;
    }
}
