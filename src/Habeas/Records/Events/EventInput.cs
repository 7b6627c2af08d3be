using Habeas.Core.Dates;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Events;

/// <summary>What a form or an API call may set on an event.</summary>
public sealed class EventInput
{
    public string? Type { get; set; }
    public string? Date { get; set; }
    public string? EndDate { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? PlaceId { get; set; }

    /// <summary>The people concerned; empty with a case means every defendant of the case.</summary>
    public List<Guid> PersonIds { get; set; } = [];
    public Dictionary<string, string?> Description { get; set; } = [];
    public string? Decision { get; set; }
    public string? ReleaseReason { get; set; }
    public int? SentenceYears { get; set; }
    public int? SentenceMonths { get; set; }
    public int? SentenceDays { get; set; }
    public int? SuspendedYears { get; set; }
    public int? SuspendedMonths { get; set; }
    public int? SuspendedDays { get; set; }
    public string? Fine { get; set; }

    /// <summary>An organisation that acted (court, police…), with its role.</summary>
    public Guid? ActorOrganisationId { get; set; }
    public string? ActorRole { get; set; }

    /// <summary>public, internal or restricted (Access.RecordLevels); unchanged when not sent, internal for a new record.</summary>
    public string? Level { get; set; }
    public int? Version { get; set; }

    private static readonly Dictionary<string, string[]> DecisionsByType = new(StringComparer.Ordinal)
    {
        ["bail-request"] = ["granted", "refused"],
        ["verdict"] = ["convicted", "acquitted"],
        ["appeal-decision"] = ["upheld", "reduced", "acquitted", "retrial", "suspended"],
        ["extradition-decision"] = ["granted", "refused"],
    };

    public static EventInput From(Event e) =>
        new()
        {
            Type = e.Type,
            Date = e.Date?.ToString(),
            EndDate = e.EndDate?.ToString(),
            CaseId = e.CaseId,
            PlaceId = e.PlaceId,
            PersonIds = e.People.Select(p => p.PersonId).ToList(),
            Description = e.Description.ToDictionary(d => d.Key, d => (string?)d.Value),
            Decision = e.Decision,
            ReleaseReason = e.ReleaseReason,
            SentenceYears = e.SentenceYears,
            SentenceMonths = e.SentenceMonths,
            SentenceDays = e.SentenceDays,
            SuspendedYears = e.SuspendedYears,
            SuspendedMonths = e.SuspendedMonths,
            SuspendedDays = e.SuspendedDays,
            Fine = e.Fine,
            ActorOrganisationId = e.Actors.FirstOrDefault(a => a.OrganisationId != null)?.OrganisationId,
            ActorRole = e.Actors.FirstOrDefault(a => a.OrganisationId != null)?.Role,
            Level = e.Level,
            Version = e.Version,
        };

    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, CancellationToken cancellationToken)
    {
        var v = Validate(vocabularies);
        await CheckReferencesAsync(v, db, cancellationToken);
        return v;
    }

    /// <summary>The rules that need no database: type, dates, decision, reason, sentence, fine, actor role (the import checks these per
    /// row).</summary>
    public Validation Validate(Vocabularies vocabularies)
    {
        var v = new Validation();
        Habeas.Platform.Access.RecordLevels.Check(v, Level);
        v.Count("personIds", PersonIds.Count, InputLimits.EventPeople);
        InputLimits.CheckLanguages(v, "description", Description);
        v.Term("type", Type, vocabularies, "event-type", "field.type", required: true);
        var start = v.Date("date", Date, "field.date");
        var end = v.Date("endDate", EndDate, "field.endDate");
        if (start is { } s && end is { } e && e.Latest < s.Earliest)
        {
            v.Add("endDate", "event.error.endBeforeStart");
        }
        if (!string.IsNullOrWhiteSpace(Decision))
        {
            if (Type is not null && DecisionsByType.TryGetValue(Type, out var allowed))
            {
                if (!allowed.Contains(Decision))
                {
                    v.Add("decision", "event.error.decision", Problems.LabelledCodes(allowed, d => "term.decision." + d));
                }
            }
            else
            {
                v.Add("decision", "event.error.decisionType");
            }
        }
        v.Term("releaseReason", ReleaseReason, vocabularies, "release-reason", "field.releaseReason");
        foreach (
            var (field, value, max) in new[]
            {
                ("sentenceYears", SentenceYears, 100),
                ("sentenceMonths", SentenceMonths, 1200),
                ("sentenceDays", SentenceDays, 36500),
                ("suspendedYears", SuspendedYears, 100),
                ("suspendedMonths", SuspendedMonths, 1200),
                ("suspendedDays", SuspendedDays, 36500),
            }
        )
        {
            v.Range(field, value, 0, max, "field." + field);
        }
        var term = (SentenceYears ?? 0) * 372 + (SentenceMonths ?? 0) * 31 + (SentenceDays ?? 0);
        var suspended = (SuspendedYears ?? 0) * 372 + (SuspendedMonths ?? 0) * 31 + (SuspendedDays ?? 0);
        if (suspended > term)
        {
            v.Add("suspendedYears", "event.error.suspended");
        }
        v.Line("fine", Fine, 100, "field.fine");
        v.Term("actorRole", ActorRole, vocabularies, "actor-role", "label.actorRole");
        return v;
    }

    private async Task CheckReferencesAsync(Validation v, HabeasDb db, CancellationToken cancellationToken)
    {
        if (CaseId is { } caseId && !await db.Cases.AnyAsync(c => c.Id == caseId, cancellationToken))
        {
            v.Add("caseId", "problem.notFound.detail", Problems.Noun("case"), caseId);
        }
        if (PlaceId is { } placeId && !await db.Places.AnyAsync(p => p.Id == placeId, cancellationToken))
        {
            v.Add("placeId", "problem.notFound.detail", Problems.Noun("place"), placeId);
        }
        if (PersonIds.Count > InputLimits.EventPeople.Max)
        {
            return;
        }
        var known = await db.People.Where(p => PersonIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < PersonIds.Count; i++)
        {
            if (!known.Contains(PersonIds[i]))
            {
                v.Add($"personIds[{i}]", "problem.notFound.detail", Problems.Noun("person"), PersonIds[i]);
            }
        }
        if (PersonIds.Count == 0 && CaseId is null)
        {
            v.Add("personIds", "event.error.people");
        }
        if (ActorOrganisationId is { } org && !await db.Organisations.AnyAsync(o => o.Id == org, cancellationToken))
        {
            v.Add("actorOrganisationId", "problem.notFound.detail", Problems.Noun("organisation"), org);
        }
    }

    /// <summary>The people the event concerns: those chosen, else the case's defendants.</summary>
    public async Task<List<Guid>> PeopleConcernedAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        if (PersonIds.Count > 0 || CaseId is null)
        {
            return PersonIds.Distinct().ToList();
        }
        return await db
            .CaseParticipants.Where(p => p.CaseId == CaseId && (p.Role == "defendant" || p.Role == "co-defendant"))
            .Select(p => p.PersonId)
            .Distinct()
            .ToListAsync(cancellationToken);
    }

    /// <summary>Sets the event's fields from the input. An event dated after <paramref name="today"/> with no state yet
    /// becomes scheduled (docs/work-list.md).</summary>
    public void ApplyTo(Event e, IReadOnlyCollection<Guid> people, Habeas.Platform.Access.Viewer viewer, DateOnly today)
    {
        if (Level is not null)
        {
            Habeas.Platform.Access.RecordLevels.Set(e, Level, viewer);
        }
        e.Type = Type!;
        e.Date = FuzzyDate.TryParse(Date, out var date, out _) ? date : null;
        e.EndDate = FuzzyDate.TryParse(EndDate, out var end, out _) ? end : null;
        if (e.State is null && e.Date is { } when && when.Earliest > today)
        {
            e.State = EventStates.Scheduled;
        }
        e.CaseId = CaseId;
        e.PlaceId = PlaceId;
        e.Description = new LocalizedText(
            Description.Where(d => !string.IsNullOrWhiteSpace(d.Value)).ToDictionary(d => d.Key, d => d.Value!.Trim())
        );
        e.Decision = Blank(Decision);
        e.ReleaseReason = Blank(ReleaseReason);
        e.SentenceYears = SentenceYears;
        e.SentenceMonths = SentenceMonths;
        e.SentenceDays = SentenceDays;
        e.SuspendedYears = SuspendedYears;
        e.SuspendedMonths = SuspendedMonths;
        e.SuspendedDays = SuspendedDays;
        e.Fine = Blank(Fine);
        e.People.RemoveAll(p => !people.Contains(p.PersonId));
        foreach (var id in people.Where(id => e.People.All(p => p.PersonId != id)))
        {
            e.People.Add(new EventPerson { EventId = e.Id, PersonId = id });
        }
        e.Actors.RemoveAll(a => a.OrganisationId != null && (a.OrganisationId != ActorOrganisationId || a.Role != ActorRole));
        if (ActorOrganisationId is { } org && e.Actors.All(a => a.OrganisationId != org))
        {
            e.Actors.Add(
                new EventActor
                {
                    EventId = e.Id,
                    OrganisationId = org,
                    Role = Blank(ActorRole) ?? "other",
                }
            );
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
