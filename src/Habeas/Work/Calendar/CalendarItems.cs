using Habeas.Platform.Access;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Platform.Watches;
using Habeas.Records.Cases;
using Habeas.Records.Deadlines;
using Habeas.Records.Duplicates;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Work.Attention;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Calendar;

/// <summary>What the calendar can be narrowed to: one case, one court (an organisation acting as "court"), one place and
/// every place inside it (a province), one team (records granted to it, or watched by its members).</summary>
public sealed record CalendarFilter(Guid? CaseId = null, Guid? CourtId = null, Guid? PlaceId = null, Guid? TeamId = null)
{
    public static readonly CalendarFilter None = new();
}

/// <summary>
/// One line of the calendar: a planned event (scheduled, postponed, held or cancelled) or a stored deadline. <see cref="Title"/>
/// may name people and the case; <see cref="DiscreetTitle"/> never does ("hearing — case number — court").
/// </summary>
public sealed record CalendarItem(
    string Kind,
    DateOnly Date,
    string RecordType,
    Guid RecordId,
    string? State,
    string Title,
    string DiscreetTitle,
    string? Explanation,
    string Uid
)
{
    public const string Event = "event";
    public const string Deadline = "deadline";

    /// <summary>The page of the record this item is about.</summary>
    public string Link =>
        RecordType switch
        {
            "event" => $"/events/{RecordId}/state",
            "person" => $"/people/{RecordId}",
            _ => $"/cases/{RecordId}",
        };

    /// <summary>Held and cancelled events, and deadlines already passed, are shown greyed.</summary>
    public bool Settled => State is EventStates.Held or EventStates.Cancelled or "passed";
}

/// <summary>
/// The calendar's items between two days, read through the reader's visibility (the context's <see cref="HabeasDb.Viewer"/>):
/// an item about a record the reader may not see never appears. Bounded: at most <c>limit</c> items.
/// </summary>
public sealed class CalendarItems(HabeasDb db, TimeProvider time, Texts texts, Vocabularies vocabularies, DuplicateFinder duplicates)
{
    /// <summary>At most this many items on one page of the calendar.</summary>
    public const int PageLimit = 500;

    /// <summary>At most this many items in one iCalendar feed.</summary>
    public const int FeedLimit = 2000;

    /// <summary>The widest range one request may ask for.</summary>
    public const int MaxRangeDays = 400;

    public const string CourtRole = "court";

    /// <summary>The items from <paramref name="from"/> to <paramref name="to"/> (both included), by date; <c>Truncated</c> when
    /// more were left out.</summary>
    public async Task<(IReadOnlyList<CalendarItem> Items, bool Truncated)> ReadAsync(
        DateOnly from,
        DateOnly to,
        CalendarFilter filter,
        int limit,
        CancellationToken cancellationToken
    )
    {
        var today = time.Today();
        var events = await EventsQueryAsync(filter, cancellationToken);
        var deadlines = await DeadlinesQueryAsync(filter, cancellationToken);

        var eventRows = await events
            .Where(e => e.State != null && e.SortDate >= from && e.SortDate <= to)
            .OrderBy(e => e.SortDate)
            .ThenBy(e => e.Id)
            .Take(limit + 1)
            .Include(e => e.People)
            .Include(e => e.Actors)
                .ThenInclude(a => a.Organisation)
            .AsSplitQuery()
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var deadlineRows = await deadlines
            .Where(d => d.Due >= from && d.Due <= to)
            .OrderBy(d => d.Due)
            .ThenBy(d => d.Id)
            .Take(limit + 1)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var personIds = eventRows
            .SelectMany(e => e.People.Select(p => p.PersonId))
            .Concat(deadlineRows.Where(d => d.PersonId != null).Select(d => d.PersonId!.Value));
        var names = await NamesAsync(personIds, cancellationToken);
        var caseIds = eventRows
            .Where(e => e.CaseId != null)
            .Select(e => e.CaseId!.Value)
            .Concat(deadlineRows.Where(d => d.CaseId != null).Select(d => d.CaseId!.Value))
            .Distinct()
            .ToList();
        var cases = await db
            .Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.CourtCaseNumber,
            })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var limits =
            deadlineRows.Count == 0 ? [] : (await db.TimeLimits.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(l => l.Code);
        var explainer = new WorkList(db, time, texts, vocabularies, duplicates);

        var items = new List<CalendarItem>();
        foreach (var e in eventRows)
        {
            var type = vocabularies.Label("event-type", e.Type);
            var court = Habeas.Records.Events.EventTexts.Court(e);
            var people = string.Join(", ", e.People.Where(p => names.ContainsKey(p.PersonId)).Select(p => names[p.PersonId]));
            var known = e.CaseId is { } caseId ? cases.GetValueOrDefault(caseId) : null;
            var title = Join(type, people, known is null ? null : WorkList.CaseTitle(known.Title, known.CourtCaseNumber), court);
            var discreet = Join(type, known?.CourtCaseNumber, court);
            items.Add(
                new CalendarItem(CalendarItem.Event, e.SortDate!.Value, "event", e.Id, e.State, title, discreet, null, $"event-{e.Id}")
            );
        }
        foreach (var d in deadlineRows)
        {
            var known = d.CaseId is { } caseId ? cases.GetValueOrDefault(caseId) : null;
            var (recordType, recordId, about) = d.PersonId is { } personId
                ? ("person", personId, names.GetValueOrDefault(personId))
                : ("case", d.CaseId!.Value, known is null ? null : WorkList.CaseTitle(known.Title, known.CourtCaseNumber));
            var title = Join(texts["calendar.deadline." + d.Kind], about);
            var discreet = Join(texts["calendar.deadline"], known?.CourtCaseNumber);
            var explanation = explainer.Explain(d, d.LimitCode is { } code ? limits.GetValueOrDefault(code) : null, today);
            items.Add(
                new CalendarItem(
                    CalendarItem.Deadline,
                    d.Due,
                    recordType,
                    recordId,
                    d.Due < today ? "passed" : "due",
                    title,
                    discreet,
                    explanation,
                    $"deadline-{d.Kind}-{d.EventId}-{d.PersonId?.ToString() ?? d.CaseId?.ToString()}"
                )
            );
        }
        var ordered = items
            .OrderBy(i => i.Date)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Title, StringComparer.Ordinal)
            .ToList();
        var truncated = ordered.Count > limit || eventRows.Count > limit || deadlineRows.Count > limit;
        return (ordered.Take(limit).ToList(), truncated);
    }

    /// <summary>The reader's events, narrowed by the filter.</summary>
    private async Task<IQueryable<Event>> EventsQueryAsync(CalendarFilter filter, CancellationToken cancellationToken)
    {
        // An event of a case the reader may not see is left out with its case, whatever the event's own level.
        IQueryable<Event> events = db.Events.Where(e => e.CaseId == null || db.Set<Case>().Any(c => c.Id == e.CaseId));
        if (filter.CaseId is { } caseId)
        {
            events = events.Where(e => e.CaseId == caseId);
        }
        if (filter.CourtId is { } courtId)
        {
            events = events.Where(e => e.Actors.Any(a => a.Role == CourtRole && a.OrganisationId == courtId));
        }
        if (filter.PlaceId is { } placeId)
        {
            var places = await PlaceAndInsideAsync(placeId, cancellationToken);
            events = events.Where(e => e.PlaceId != null && places.Contains(e.PlaceId.Value));
        }
        if (filter.TeamId is { } teamId)
        {
            var (caseIds, personIds, eventIds) = await TeamRecordsAsync(teamId, cancellationToken);
            events = events.Where(e =>
                eventIds.Contains(e.Id)
                || (e.CaseId != null && caseIds.Contains(e.CaseId.Value))
                || e.People.Any(p => personIds.Contains(p.PersonId))
            );
        }
        return events;
    }

    /// <summary>The reader's deadlines, narrowed by the filter (court and place: those of the event they run from).</summary>
    private async Task<IQueryable<StoredDeadline>> DeadlinesQueryAsync(CalendarFilter filter, CancellationToken cancellationToken)
    {
        IQueryable<StoredDeadline> deadlines = db.Deadlines;
        if (filter.CaseId is { } caseId)
        {
            deadlines = deadlines.Where(d => d.CaseId == caseId);
        }
        if (filter.CourtId is { } courtId)
        {
            deadlines = deadlines.Where(d =>
                db.Set<Event>().Any(e => e.Id == d.EventId && e.Actors.Any(a => a.Role == CourtRole && a.OrganisationId == courtId))
            );
        }
        if (filter.PlaceId is { } placeId)
        {
            var places = await PlaceAndInsideAsync(placeId, cancellationToken);
            deadlines = deadlines.Where(d =>
                db.Set<Event>().Any(e => e.Id == d.EventId && e.PlaceId != null && places.Contains(e.PlaceId.Value))
            );
        }
        if (filter.TeamId is { } teamId)
        {
            var (caseIds, personIds, eventIds) = await TeamRecordsAsync(teamId, cancellationToken);
            deadlines = deadlines.Where(d =>
                eventIds.Contains(d.EventId)
                || (d.CaseId != null && caseIds.Contains(d.CaseId.Value))
                || (d.PersonId != null && personIds.Contains(d.PersonId.Value))
            );
        }
        return deadlines;
    }

    /// <summary>A place and every place inside it, however deep (a province, its districts, their prisons…).</summary>
    private async Task<List<Guid>> PlaceAndInsideAsync(Guid placeId, CancellationToken cancellationToken)
    {
        var all = await db.Set<Place>()
            .AsNoTracking()
            .Where(p => p.ParentId != null)
            .Select(p => new { p.Id, p.ParentId })
            .ToListAsync(cancellationToken);
        var children = all.ToLookup(p => p.ParentId!.Value, p => p.Id);
        var found = new HashSet<Guid> { placeId };
        var queue = new Queue<Guid>([placeId]);
        while (queue.Count > 0)
        {
            foreach (var child in children[queue.Dequeue()])
            {
                if (found.Add(child))
                {
                    queue.Enqueue(child);
                }
            }
        }
        return found.ToList();
    }

    /// <summary>The records granted to a team and those its members watch. Which records others watch is not shown itself: it only
    /// narrows what the reader already sees.</summary>
    private async Task<(List<Guid> Cases, List<Guid> People, List<Guid> Events)> TeamRecordsAsync(
        Guid teamId,
        CancellationToken cancellationToken
    )
    {
        var members = db.Set<TeamMember>().Where(m => m.TeamId == teamId).Select(m => m.UserId);
        var granted = await db.Set<RecordGrant>()
            .AsNoTracking()
            .Where(g => g.TeamId == teamId)
            .Select(g => new { g.RecordType, g.RecordId })
            .Take(5000)
            .ToListAsync(cancellationToken);
        var watched = await db
            .Watches.AsNoTracking()
            .Where(w => members.Contains(w.UserId))
            .Select(w => new { w.RecordType, w.RecordId })
            .Take(5000)
            .ToListAsync(cancellationToken);
        var all = granted.Concat(watched).ToList();
        List<Guid> Of(string type) => all.Where(r => r.RecordType == type).Select(r => r.RecordId).Distinct().ToList();
        return (Of("case"), Of("person"), Of("event"));
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken)
    {
        var ids = personIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Include(p => p.Names).ToListAsync(cancellationToken);
        return people.ToDictionary(p => p.Id, p => p.NameFor(Texts.CurrentLanguage));
    }

    private static string Join(params string?[] parts) => string.Join(" — ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    /// <summary>Parses a day given as YYYY-MM-DD; null when absent or malformed.</summary>
    public static DateOnly? ParseDay(string? value) =>
        DateOnly.TryParseExact(
            value,
            "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None,
            out var day
        )
            ? day
            : null;
}
