using System.Text.Json;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Files;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Duplicates;

/// <summary>
/// Merges a duplicate person into the record that survives, and undoes it. Merging moves everything that hangs
/// from the duplicate (names, tags, affiliations, designations, case roles, event links, charges, interventions,
/// event actors, citations) to the survivor, hides the duplicate (its id then resolves to the survivor) and records
/// exactly what moved, so that undoing moves the same rows back. All of it, with the audit entries and the
/// rebuilt custody periods of both people, is one transaction. Records stay at their level: two records of
/// different levels are not merged (that would show a restricted record's names to the readers of the other).
/// Confidential values stay with the duplicate's id, under which they are encrypted. A name or an event the survivor
/// already has is kept once (<see cref="MergeCollapse"/>): the duplicate's identical name stays with it, and of two
/// events that are the same fact one is retracted, its links carried onto the other; undoing puts both back.
/// </summary>
public static class Merging
{
    /// <summary>What one merge moved: the ids of the rows, and what they were before where they changed.</summary>
    public sealed class Moved
    {
        public Dictionary<Guid, int> Names { get; set; } = [];
        public List<string> AddedTags { get; set; } = [];
        public List<Guid> Affiliations { get; set; } = [];
        public List<Guid> Designations { get; set; } = [];
        public List<Guid> Participants { get; set; } = [];
        public List<Guid> Events { get; set; } = [];
        public List<Guid> Actors { get; set; } = [];
        public List<Guid> Charges { get; set; } = [];
        public List<Guid> Interventions { get; set; } = [];
        public List<Guid> Citations { get; set; } = [];

        /// <summary>The duplicate's own files (documents, photos), now the survivor's.</summary>
        public List<Guid> Files { get; set; } = [];

        /// <summary>The duplicate's photo, kept as a file but no longer "the photo": the survivor had one (one per person).</summary>
        public List<Guid> PhotosCleared { get; set; } = [];

        /// <summary>Names of the duplicate identical to one of the survivor's: they stayed with the duplicate.</summary>
        public List<Guid> NamesKeptOut { get; set; } = [];

        /// <summary>Names of the survivor a richer identical name filled in, with what they were before.</summary>
        public Dictionary<Guid, MergeCollapse.NameBefore> NamesEnriched { get; set; } = [];

        /// <summary>Events retracted as the same fact as another, and what was carried onto that one.</summary>
        public List<MergeCollapse.CollapsedEvent> CollapsedEvents { get; set; } = [];
    }

    /// <summary>The merge, or why not: <see cref="Problem"/> in the reader's language (a text key and its arguments).</summary>
    public sealed record Outcome(int Status, Habeas.Platform.Api.Problems.Phrase? Why, PersonMerge? Merge)
    {
        public string? Problem => Why?.ToString();

        public static Outcome Fail(int status, string key, params object?[] args) => new(status, new(key, args), null);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What a merge moved.</summary>
    public static Moved Read(PersonMerge merge) => JsonSerializer.Deserialize<Moved>(merge.Moved, Json) ?? new Moved();

    public static async Task<Outcome> MergeAsync(
        HabeasDb db,
        Guid duplicateId,
        Guid survivorId,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (duplicateId == survivorId)
        {
            return Outcome.Fail(400, "merge.error.self");
        }
        var duplicate = await db
            .People.Include(p => p.Names)
            .Include(p => p.Tags)
            .FirstOrDefaultAsync(p => p.Id == duplicateId, cancellationToken);
        var survivor = await db
            .People.Include(p => p.Names)
            .Include(p => p.Tags)
            .FirstOrDefaultAsync(p => p.Id == survivorId, cancellationToken);
        if (duplicate is null)
        {
            return Outcome.Fail(404, "merge.error.noPerson", duplicateId);
        }
        if (survivor is null)
        {
            return Outcome.Fail(404, "merge.error.noSurvivor", survivorId);
        }
        if (duplicate.Level != survivor.Level)
        {
            return Outcome.Fail(
                409,
                "merge.error.levels",
                new Habeas.Platform.Api.Validation.Label("level.name." + duplicate.Level),
                new Habeas.Platform.Api.Validation.Label("level.name." + survivor.Level)
            );
        }

        var moved = new Moved();
        var mergeId = Guid.CreateVersion7();
        var survivorNames = survivor.Names.OrderBy(n => n.SortOrder).ToList();
        var nextOrder = survivor.Names.Select(n => n.SortOrder).DefaultIfEmpty(-1).Max() + 1;
        foreach (var name in duplicate.Names.OrderBy(n => n.SortOrder).ToList())
        {
            if (survivorNames.FirstOrDefault(s => MergeCollapse.Identical(s, name)) is { } same)
            {
                // Kept once: the duplicate's copy stays with it; a richer one fills in the survivor's.
                moved.NamesKeptOut.Add(name.Id);
                if (MergeCollapse.Richer(name, same) && !moved.NamesEnriched.ContainsKey(same.Id))
                {
                    moved.NamesEnriched[same.Id] = MergeCollapse.Enrich(same, name);
                }
                continue;
            }
            moved.Names[name.Id] = name.SortOrder;
            name.PersonId = survivor.Id;
            name.SortOrder = nextOrder++;
        }
        foreach (var tag in duplicate.Tags.Where(t => survivor.Tags.All(s => s.Tag != t.Tag)).ToList())
        {
            survivor.Tags.Add(new PersonTag { PersonId = survivor.Id, Tag = tag.Tag });
            moved.AddedTags.Add(tag.Tag);
        }
        foreach (var affiliation in await db.Affiliations.Where(a => a.PersonId == duplicateId).ToListAsync(cancellationToken))
        {
            affiliation.PersonId = survivorId;
            moved.Affiliations.Add(affiliation.Id);
        }
        foreach (
            var designation in await db
                .Designations.IgnoreQueryFilters()
                .Where(d => d.PersonId == duplicateId)
                .ToListAsync(cancellationToken)
        )
        {
            designation.PersonId = survivorId;
            moved.Designations.Add(designation.Id);
        }
        var survivorRoles = await db
            .CaseParticipants.IgnoreQueryFilters()
            .Where(p => p.PersonId == survivorId)
            .Select(p => new { p.CaseId, p.Role })
            .ToListAsync(cancellationToken);
        foreach (
            var participant in await db
                .CaseParticipants.IgnoreQueryFilters()
                .Where(p => p.PersonId == duplicateId)
                .ToListAsync(cancellationToken)
        )
        {
            if (!survivorRoles.Any(r => r.CaseId == participant.CaseId && r.Role == participant.Role))
            {
                participant.PersonId = survivorId;
                moved.Participants.Add(participant.Id);
            }
        }
        var survivorEvents = await db
            .EventPeople.IgnoreQueryFilters()
            .Where(p => p.PersonId == survivorId)
            .Select(p => p.EventId)
            .ToListAsync(cancellationToken);
        var sameEvents = await MergeCollapse.SameEventsAsync(db, duplicateId, survivorId, cancellationToken);
        // A duplicate's event retracted as the same fact as one of the survivor's keeps its link to the duplicate, so that
        // undoing the merge finds it as it was.
        var staying = sameEvents.Select(p => p.Retract.Id).ToHashSet();
        foreach (var link in await db.EventPeople.IgnoreQueryFilters().Where(p => p.PersonId == duplicateId).ToListAsync(cancellationToken))
        {
            if (!survivorEvents.Contains(link.EventId) && !staying.Contains(link.EventId))
            {
                db.EventPeople.Remove(link);
                db.EventPeople.Add(new EventPerson { EventId = link.EventId, PersonId = survivorId });
                moved.Events.Add(link.EventId);
            }
        }
        foreach (var actor in await db.EventActors.Where(a => a.PersonId == duplicateId).ToListAsync(cancellationToken))
        {
            actor.PersonId = survivorId;
            moved.Actors.Add(actor.Id);
        }
        foreach (var charge in await db.Charges.IgnoreQueryFilters().Where(c => c.PersonId == duplicateId).ToListAsync(cancellationToken))
        {
            charge.PersonId = survivorId;
            moved.Charges.Add(charge.Id);
        }
        foreach (var intervention in await db.Interventions.Where(i => i.PersonId == duplicateId).ToListAsync(cancellationToken))
        {
            intervention.PersonId = survivorId;
            moved.Interventions.Add(intervention.Id);
        }
        foreach (
            var citation in await db
                .Citations.IgnoreQueryFilters()
                .Where(c => c.TargetType == "person" && c.TargetId == duplicateId)
                .ToListAsync(cancellationToken)
        )
        {
            citation.TargetId = survivorId;
            moved.Citations.Add(citation.Id);
        }
        var survivorHasPhoto = await db.Set<StoredFile>()
            .IgnoreQueryFilters()
            .AnyAsync(f => f.PersonId == survivorId && f.IsPhoto, cancellationToken);
        foreach (
            var file in await db.Set<StoredFile>().IgnoreQueryFilters().Where(f => f.PersonId == duplicateId).ToListAsync(cancellationToken)
        )
        {
            file.PersonId = survivorId;
            moved.Files.Add(file.Id);
            if (file.IsPhoto && survivorHasPhoto)
            {
                file.IsPhoto = false;
                moved.PhotosCleared.Add(file.Id);
            }
        }

        foreach (var (retract, keep) in sameEvents)
        {
            moved.CollapsedEvents.Add(await MergeCollapse.CollapseAsync(db, retract, keep, mergeId, cancellationToken));
        }

        duplicate.MergedIntoId = survivorId;
        var merge = new PersonMerge
        {
            Id = mergeId,
            MergedId = duplicateId,
            IntoId = survivorId,
            MergedAt = time.GetUtcNow(),
            MergedBy = db.Actor,
            Moved = JsonSerializer.Serialize(moved, Json),
        };
        db.PersonMerges.Add(merge);
        db.LogAction(
            "merged",
            "person",
            duplicateId,
            details: new Dictionary<string, string?>
            {
                ["into"] = survivorId.ToString(),
                ["merge"] = merge.Id.ToString(),
                ["namesKeptOnce"] = moved.NamesKeptOut.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["eventsRetracted"] = string.Join(' ', moved.CollapsedEvents.Select(c => c.Retracted)),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(200, null, merge);
    }

    /// <summary>Undoes the last merge of this duplicate: what moved goes back (rows since deleted or moved elsewhere stay where they
    /// are).</summary>
    public static async Task<Outcome> UndoAsync(HabeasDb db, Guid duplicateId, TimeProvider time, CancellationToken cancellationToken)
    {
        var duplicate = await db
            .People.IgnoreQueryFilters([HabeasDb.MergedFilter])
            .Include(p => p.Names)
            .FirstOrDefaultAsync(p => p.Id == duplicateId, cancellationToken);
        var merge = duplicate is null
            ? null
            : await db
                .PersonMerges.Where(m => m.MergedId == duplicateId && m.UndoneAt == null)
                .OrderByDescending(m => m.MergedAt)
                .FirstOrDefaultAsync(cancellationToken);
        if (duplicate is null)
        {
            return Outcome.Fail(404, "problem.notFound.detail", Habeas.Platform.Api.Problems.Noun("person"), duplicateId);
        }
        if (duplicate.MergedIntoId is null || merge is null)
        {
            return Outcome.Fail(409, "merge.error.notMerged");
        }
        var survivorId = merge.IntoId;
        var survivor = await db
            .People.IgnoreQueryFilters([HabeasDb.MergedFilter])
            .Include(p => p.Names)
            .Include(p => p.Tags)
            .FirstOrDefaultAsync(p => p.Id == survivorId, cancellationToken);
        if (survivor is null)
        {
            return Outcome.Fail(404, "merge.error.survivorHidden");
        }
        var moved = Read(merge);

        // Collapses first, newest last undone first: the carried rows go back before the event links do.
        foreach (var collapsed in Enumerable.Reverse(moved.CollapsedEvents))
        {
            await MergeCollapse.UndoAsync(db, collapsed, cancellationToken);
        }
        foreach (var name in survivor.Names.Where(n => moved.Names.ContainsKey(n.Id)).ToList())
        {
            name.PersonId = duplicateId;
            name.SortOrder = moved.Names[name.Id];
        }
        foreach (var name in survivor.Names.Where(n => moved.NamesEnriched.ContainsKey(n.Id)))
        {
            var before = moved.NamesEnriched[name.Id];
            name.Text = before.Text;
            name.Kind = before.Kind;
            name.FamilyName = before.FamilyName;
            name.GivenName = before.GivenName;
            name.Language = before.Language;
        }
        foreach (var tag in survivor.Tags.Where(t => moved.AddedTags.Contains(t.Tag)).ToList())
        {
            survivor.Tags.Remove(tag);
        }
        foreach (
            var a in await db
                .Affiliations.Where(a => moved.Affiliations.Contains(a.Id) && a.PersonId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            a.PersonId = duplicateId;
        }
        foreach (
            var d in await db
                .Designations.IgnoreQueryFilters()
                .Where(d => moved.Designations.Contains(d.Id) && d.PersonId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            d.PersonId = duplicateId;
        }
        foreach (
            var p in await db
                .CaseParticipants.IgnoreQueryFilters()
                .Where(p => moved.Participants.Contains(p.Id) && p.PersonId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            p.PersonId = duplicateId;
        }
        var duplicateEvents = await db
            .EventPeople.IgnoreQueryFilters()
            .Where(p => p.PersonId == duplicateId)
            .Select(p => p.EventId)
            .ToListAsync(cancellationToken);
        foreach (
            var link in await db
                .EventPeople.IgnoreQueryFilters()
                .Where(p => p.PersonId == survivorId && moved.Events.Contains(p.EventId))
                .ToListAsync(cancellationToken)
        )
        {
            db.EventPeople.Remove(link);
            if (!duplicateEvents.Contains(link.EventId))
            {
                db.EventPeople.Add(new EventPerson { EventId = link.EventId, PersonId = duplicateId });
            }
        }
        foreach (
            var a in await db.EventActors.Where(a => moved.Actors.Contains(a.Id) && a.PersonId == survivorId).ToListAsync(cancellationToken)
        )
        {
            a.PersonId = duplicateId;
        }
        foreach (
            var c in await db
                .Charges.IgnoreQueryFilters()
                .Where(c => moved.Charges.Contains(c.Id) && c.PersonId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            c.PersonId = duplicateId;
        }
        foreach (
            var i in await db
                .Interventions.Where(i => moved.Interventions.Contains(i.Id) && i.PersonId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            i.PersonId = duplicateId;
        }
        foreach (
            var c in await db
                .Citations.IgnoreQueryFilters()
                .Where(c => moved.Citations.Contains(c.Id) && c.TargetId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            c.TargetId = duplicateId;
        }
        foreach (
            var file in await db.Set<StoredFile>()
                .IgnoreQueryFilters()
                .Where(f => moved.Files.Contains(f.Id) && f.PersonId == survivorId)
                .ToListAsync(cancellationToken)
        )
        {
            file.PersonId = duplicateId;
            file.IsPhoto = file.IsPhoto || moved.PhotosCleared.Contains(file.Id);
        }

        duplicate.MergedIntoId = null;
        merge.UndoneAt = time.GetUtcNow();
        merge.UndoneBy = db.Actor;
        db.LogAction(
            "unmerged",
            "person",
            duplicateId,
            details: new Dictionary<string, string?> { ["from"] = survivorId.ToString(), ["merge"] = merge.Id.ToString() }
        );
        await db.SaveChangesAsync(cancellationToken);
        return new Outcome(200, null, merge);
    }

    /// <summary>The record a merged person's id now stands for (following merges of merges), or null when the id is
    /// not a merged record the reader may see.</summary>
    public static async Task<Guid?> SurvivorOfAsync(HabeasDb db, Guid id, CancellationToken cancellationToken)
    {
        Guid? current = id;
        for (var hops = 0; hops < 10 && current is { } at; hops++)
        {
            var into = await db
                .People.IgnoreQueryFilters([HabeasDb.MergedFilter])
                .Where(p => p.Id == at)
                .Select(p => new { p.MergedIntoId })
                .FirstOrDefaultAsync(cancellationToken);
            if (into is null)
            {
                return null;
            }
            if (into.MergedIntoId is null)
            {
                return at == id ? null : at;
            }
            current = into.MergedIntoId;
        }
        return null;
    }
}
