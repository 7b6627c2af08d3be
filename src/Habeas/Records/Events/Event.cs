using Habeas.Core.Custody;
using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;

namespace Habeas.Records.Events;

/// <summary>One step of the timeline: an arrest, a hearing, a verdict, a release…</summary>
public sealed class Event : IVersioned, Habeas.Platform.Access.IHasLevel, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }

    /// <summary>public, internal (the default) or restricted: see Access.RecordLevels.</summary>
    public string Level { get; set; } = Habeas.Platform.Access.RecordLevels.Internal;

    /// <summary>A code of the event-type vocabulary; the custody effect of each code is in Habeas.Core.Custody.</summary>
    public required string Type { get; set; }

    /// <summary>When it happened, to the precision known. Null when the date is unknown.</summary>
    public FuzzyDate? Date
    {
        get => _date;
        set
        {
            _date = value;
            SortDate = value?.Earliest;
        }
    }

    private FuzzyDate? _date;

    /// <summary>The earliest day <see cref="Date"/> can denote, for ordering and range filters.</summary>
    public DateOnly? SortDate { get; private set; }

    public FuzzyDate? EndDate { get; set; }

    /// <summary>For an event planned ahead (a hearing, a decision due): scheduled, held, postponed or cancelled
    /// (<see cref="EventStates"/>). Null for an event recorded after it happened.</summary>
    public string? State { get; set; }

    /// <summary>The dates it was set for before each postponement, oldest first, as EDTF separated by spaces.</summary>
    public string? PostponedFrom { get; set; }

    public Guid? CaseId { get; set; }
    public Case? Case { get; set; }
    public Guid? PlaceId { get; set; }
    public Place? Place { get; set; }

    /// <summary>What happened, in each language held.</summary>
    public LocalizedText Description
    {
        get => _description;
        set
        {
            _description = value;
            SearchText = Core.Names.NameFolding.Fold(string.Join(' ', value.Values));
        }
    }

    private LocalizedText _description = new();

    /// <summary>The description in every language, folded for the list filter.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>For bail requests, verdicts, appeal and extradition decisions: a code of the decision vocabulary.</summary>
    public string? Decision { get; set; }

    /// <summary>For releases: a code of the release-reason vocabulary.</summary>
    public string? ReleaseReason { get; set; }
    public int? SentenceYears { get; set; }
    public int? SentenceMonths { get; set; }
    public int? SentenceDays { get; set; }
    public int? SuspendedYears { get; set; }
    public int? SuspendedMonths { get; set; }
    public int? SuspendedDays { get; set; }
    public string? Fine { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<EventPerson> People { get; set; } = [];
    public List<EventActor> Actors { get; set; } = [];

    public string RecordType => "event";

    public bool HasSentence => (SentenceYears ?? 0) + (SentenceMonths ?? 0) + (SentenceDays ?? 0) > 0;

    public SentenceTerm? Sentence =>
        HasSentence
            ? new SentenceTerm(
                SentenceYears ?? 0,
                SentenceMonths ?? 0,
                SentenceDays ?? 0,
                SuspendedYears ?? 0,
                SuspendedMonths ?? 0,
                SuspendedDays ?? 0
            )
            : null;

    /// <summary>The dates it was set for before, oldest first.</summary>
    public IReadOnlyList<FuzzyDate> PostponedDates =>
        (PostponedFrom ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(FuzzyDate.Parse).ToList();

    /// <summary>False for a cancelled event: it counts for no timeline and no deadline.</summary>
    public bool Counts => State != EventStates.Cancelled;

    public CustodyEvent ToCustodyEvent() => new(Id, Type, Date, Decision, Sentence, ReleaseReason);

    public object Snapshot() =>
        new
        {
            Level,
            Type,
            Date = Date?.ToString(),
            EndDate = EndDate?.ToString(),
            State,
            PostponedFrom,
            CaseId,
            PlaceId,
            Description,
            Decision,
            ReleaseReason,
            SentenceYears,
            SentenceMonths,
            SentenceDays,
            SuspendedYears,
            SuspendedMonths,
            SuspendedDays,
            Fine,
            People = People.Select(p => p.PersonId).Order(),
            Actors = Actors.Select(a => new
            {
                a.OrganisationId,
                a.PersonId,
                a.Name,
                a.Role,
            }),
        };
}

/// <summary>A person the event concerns (the arrested, the sentenced, the released).</summary>
public sealed class EventPerson : IRecordPart
{
    public Guid EventId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }

    public Guid OwnerId => EventId;
    public Type OwnerType => typeof(Event);
}

/// <summary>Who acted: a court, a police unit, an official — an organisation, a person, or just a name.</summary>
public sealed class EventActor : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public Guid? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public Guid? PersonId { get; set; }
    public string? Name { get; set; }

    /// <summary>A code of the actor-role vocabulary (court, police, prosecutor, official, …).</summary>
    public required string Role { get; set; }

    public Guid OwnerId => EventId;
    public Type OwnerType => typeof(Event);
}

/// <summary>The states of an event planned ahead. An event saved with a date after today is scheduled.</summary>
public static class EventStates
{
    public const string Scheduled = "scheduled";
    public const string Held = "held";
    public const string Postponed = "postponed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Scheduled, Held, Postponed, Cancelled];
}
