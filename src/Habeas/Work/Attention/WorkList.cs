using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Cards;
using Habeas.Core.Campaigns;
using Habeas.Core.Dates;
using Habeas.Core.Deadlines;
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
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Attention;

/// <summary>
/// What needs attention, for one reader (docs/work-list.md): read through the records' own visibility filters, so an item
/// about a record the reader may not see never appears. Each source is bounded (<see cref="PerSource"/>), so the list
/// costs the same however large the database.
/// </summary>
public sealed class WorkList(HabeasDb db, TimeProvider time, Texts texts, Vocabularies vocabularies, DuplicateFinder duplicates)
{
    /// <summary>At most this many items come from each source.</summary>
    public const int PerSource = 100;

    /// <summary>Days ahead the "this week" section looks.</summary>
    public const int WeekDays = 7;

    /// <summary>Days ahead the "coming" section looks for legal deadlines (not limbo).</summary>
    public const int ComingDays = 30;

    /// <summary>Appeal and police-custody limits stay on the list this long after they pass: after that there is nothing
    /// left to do about them (limbo covers a detention that goes on).</summary>
    public const int StaleAfterDays = 30;

    private static readonly string[] Fleeting = [DeadlineKinds.Appeal, DeadlineKinds.Cassation, DeadlineKinds.PoliceCustody];

    /// <summary>The items for this reader, marks applied (done and snoozed ones left out), mine first in each section.</summary>
    public async Task<IReadOnlyList<AttentionItem>> ItemsAsync(string? userId, CancellationToken cancellationToken)
    {
        var today = time.Today();
        var horizon = today.AddDays(WeekDays);
        var mine = await MineAsync(userId, cancellationToken);
        var items = new List<AttentionItem>();
        items.AddRange(await EventItemsAsync(today, horizon, mine, cancellationToken));
        items.AddRange(await DeadlineItemsAsync(today, horizon, mine, cancellationToken));
        items.AddRange(await CampaignItemsAsync(today, horizon, mine, cancellationToken));
        items.AddRange(await ReviewItemsAsync(cancellationToken));

        var keys = items.Select(i => i.Key).ToList();
        var marks = await db
            .AttentionMarks.AsNoTracking()
            .Where(m => keys.Contains(m.Key))
            .ToDictionaryAsync(m => m.Key, cancellationToken);
        return items
            .Where(i => !marks.TryGetValue(i.Key, out var m) || (!m.Done && (m.SnoozedUntil is null || m.SnoozedUntil <= today)))
            .Select(i =>
                marks.TryGetValue(i.Key, out var m) && m.AssignedTo is { } assignee
                    ? i with
                    {
                        AssignedTo = assignee,
                        Mine = i.Mine || assignee == userId,
                    }
                    : i
            )
            .OrderBy(i => AttentionSections.All.ToList().IndexOf(i.Section))
            .ThenByDescending(i => i.Mine)
            .ThenBy(i => i.Due ?? DateOnly.MaxValue)
            .ThenBy(i => i.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The records the reader watches or a team of theirs was granted, as (type, id).</summary>
    public async Task<HashSet<(string Type, Guid Id)>> MineAsync(string? userId, CancellationToken cancellationToken)
    {
        var mine = new HashSet<(string, Guid)>();
        if (userId is null)
        {
            return mine;
        }
        foreach (var w in await db.Watches.AsNoTracking().Where(w => w.UserId == userId).Take(2000).ToListAsync(cancellationToken))
        {
            mine.Add((w.RecordType, w.RecordId));
        }
        var teams = db.Set<TeamMember>().Where(m => m.UserId == userId).Select(m => m.TeamId);
        foreach (
            var g in await db.Set<RecordGrant>()
                .AsNoTracking()
                .Where(g => g.UserId == userId || (g.TeamId != null && teams.Contains(g.TeamId.Value)))
                .Take(2000)
                .ToListAsync(cancellationToken)
        )
        {
            mine.Add((g.RecordType, g.RecordId));
        }
        return mine;
    }

    /// <summary>Scheduled events up to the horizon, and those whose day passed with nothing recorded ("what happened?").</summary>
    private async Task<List<AttentionItem>> EventItemsAsync(
        DateOnly today,
        DateOnly horizon,
        HashSet<(string, Guid)> mine,
        CancellationToken cancellationToken
    )
    {
        // An event of a case the reader may not see is left out, as the calendar does, whatever the event's own level.
        var events = await Scheduled(db)
            .Where(e => e.SortDate <= horizon && (e.CaseId == null || db.Set<Case>().Any(c => c.Id == e.CaseId)))
            .OrderBy(e => e.SortDate)
            .Take(PerSource)
            .Include(e => e.People)
            .Include(e => e.Case)
            .Include(e => e.Actors)
                .ThenInclude(a => a.Organisation)
            .AsSplitQuery()
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(events.SelectMany(e => e.People.Select(p => p.PersonId)), cancellationToken);
        var items = new List<AttentionItem>();
        foreach (var e in events)
        {
            var passed = e.SortDate < today;
            var date = Display.Date(e.Date, texts);
            var type = vocabularies.Label("event-type", e.Type);
            items.Add(
                new AttentionItem(
                    passed ? "outcome-missing" : "scheduled",
                    passed ? AttentionSections.Overdue : AttentionSections.Week,
                    passed ? Severities.Overdue : Severities.Soon,
                    e.SortDate,
                    "event",
                    e.Id,
                    EventTitle(e, names),
                    passed ? texts.Format("attention.outcomeMissing", date, type) : Scheduled(type, date, EventTexts.Court(e)),
                    $"event:{e.Id}:{e.SortDate:yyyy-MM-dd}",
                    IsMine(mine, e),
                    State: e.State
                )
            );
        }
        return items;
    }

    private string Scheduled(string type, string date, string court) =>
        texts.Format("attention.scheduled", type, date) + (court.Length > 0 ? " — " + court : "");

    /// <summary>Events still to come: scheduled, or dated after today and never given a state.</summary>
    public static IQueryable<Event> Scheduled(HabeasDb db) => db.Events.Where(e => e.State == EventStates.Scheduled);

    private async Task<List<AttentionItem>> DeadlineItemsAsync(
        DateOnly today,
        DateOnly horizon,
        HashSet<(string, Guid)> mine,
        CancellationToken cancellationToken
    )
    {
        var stale = today.AddDays(-StaleAfterDays);
        var coming = today.AddDays(ComingDays);
        var deadlines = await db
            .Deadlines.AsNoTracking()
            .Where(d =>
                (d.Due <= horizon || (d.Due <= coming && d.Kind != DeadlineKinds.Limbo && d.Kind != DeadlineKinds.CaseLimbo))
                && (!Fleeting.Contains(d.Kind) || d.Due >= stale)
            )
            .OrderBy(d => d.Due)
            .Take(PerSource * 3)
            .ToListAsync(cancellationToken);
        var limits = (await db.TimeLimits.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(l => l.Code);
        var names = await NamesAsync(deadlines.Where(d => d.PersonId != null).Select(d => d.PersonId!.Value), cancellationToken);
        var caseIds = deadlines.Where(d => d.CaseId != null).Select(d => d.CaseId!.Value).Distinct().ToList();
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
        var items = new List<AttentionItem>();
        foreach (var d in deadlines)
        {
            var limbo = d.Kind is DeadlineKinds.Limbo or DeadlineKinds.CaseLimbo;
            var passed = d.Due < today;
            var (recordType, recordId, title) = d.PersonId is { } personId
                ? ("person", personId, names.GetValueOrDefault(personId, ""))
                : ("case", d.CaseId!.Value, cases.TryGetValue(d.CaseId!.Value, out var c) ? CaseTitle(c.Title, c.CourtCaseNumber) : "");
            items.Add(
                new AttentionItem(
                    d.Kind,
                    limbo ? AttentionSections.Limbo
                        : passed ? AttentionSections.Overdue
                        : d.Due <= horizon ? AttentionSections.Week
                        : AttentionSections.Coming,
                    passed ? Severities.Overdue
                        : d.Due <= horizon ? Severities.Soon
                        : Severities.Info,
                    d.Due,
                    recordType,
                    recordId,
                    title,
                    Explain(d, d.LimitCode is { } code ? limits.GetValueOrDefault(code) : null, today),
                    $"deadline:{d.Kind}:{recordId}:{d.Due:yyyy-MM-dd}",
                    mine.Contains((recordType, recordId)) || (d.CaseId is { } caseId && mine.Contains(("case", caseId)))
                )
            );
        }
        return items;
    }

    /// <summary>Issued actions whose act-by date is near or passed, and cards waiting for moderation.</summary>
    private async Task<List<AttentionItem>> CampaignItemsAsync(
        DateOnly today,
        DateOnly horizon,
        HashSet<(string, Guid)> mine,
        CancellationToken cancellationToken
    )
    {
        var items = new List<AttentionItem>();
        var actions = await db
            .CampaignActions.AsNoTracking()
            .Where(a => a.Status != ActionLifecycle.Draft && a.Status != ActionLifecycle.Closed && a.ActBy != null && a.ActBy <= horizon)
            .OrderBy(a => a.ActBy)
            .Take(PerSource)
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Title,
                a.ActBy,
            })
            .ToListAsync(cancellationToken);
        foreach (var a in actions)
        {
            var days = a.ActBy!.Value.DayNumber - today.DayNumber;
            var reason =
                days < 0 ? texts.Format("attention.actByPassed", a.Code, Display.Day(a.ActBy.Value))
                : days == 0 ? texts.Format("attention.actByToday", a.Code)
                : texts.Format("attention.actBy", a.Code, Display.Number(days), Display.Day(a.ActBy.Value));
            items.Add(
                new AttentionItem(
                    "act-by",
                    AttentionSections.Campaigns,
                    days < 0 ? Severities.Overdue : Severities.Soon,
                    a.ActBy,
                    "action",
                    a.Id,
                    $"{a.Code} · {a.Title}",
                    reason,
                    $"act-by:{a.Id}:{a.ActBy:yyyy-MM-dd}",
                    mine.Contains(("action", a.Id))
                )
            );
        }
        var cards = await db
            .GreetingCards.AsNoTracking()
            .Where(c => c.Status == GreetingCard.Pending)
            .GroupBy(c => c.ActionId)
            .Select(g => new { ActionId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count)
            .Take(PerSource)
            .ToListAsync(cancellationToken);
        var cardActionIds = cards.Select(c => c.ActionId).ToList();
        var codes = await db
            .CampaignActions.AsNoTracking()
            .Where(a => cardActionIds.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Title,
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var c in cards.Where(c => codes.ContainsKey(c.ActionId)))
        {
            var action = codes[c.ActionId];
            items.Add(
                new AttentionItem(
                    "cards",
                    AttentionSections.Review,
                    Severities.Info,
                    null,
                    "cards",
                    c.ActionId,
                    $"{action.Code} · {action.Title}",
                    texts.Plural("attention.cards", c.Count),
                    $"cards:{c.ActionId}:{c.Count}",
                    mine.Contains(("action", c.ActionId))
                )
            );
        }
        return items;
    }

    private async Task<List<AttentionItem>> ReviewItemsAsync(CancellationToken cancellationToken)
    {
        var pairs = await duplicates.FindAsync(db, PerSource, cancellationToken);
        return pairs.Count == 0
            ? []
            :
            [
                new AttentionItem(
                    "duplicates",
                    AttentionSections.Review,
                    Severities.Info,
                    null,
                    "duplicates",
                    null,
                    texts["nav.duplicates"],
                    texts.Format("attention.duplicates", Display.Number(pairs.Count) + (pairs.Count >= PerSource ? "+" : "")),
                    "duplicates",
                    false
                ),
            ];
    }

    /// <summary>"Pre-trial detention reached its legal maximum on 7 October 2026: because of the detention order of 7 April
    /// 2025 and art. 208 of the Code of Criminal Procedure … (2007), which allows 18 months for a felony."</summary>
    public string Explain(StoredDeadline d, LegalTimeLimit? limit, DateOnly today)
    {
        var due = Display.Day(d.Due);
        var headline = texts.Format($"deadline.{d.Kind}.{(d.Due < today ? "passed" : "due")}", due);
        var from = FuzzyDate.TryParse(d.FromDate, out var date, out _) ? Display.Date(date, texts) : d.FromDate;
        var type = vocabularies.Label("event-type", d.EventType);
        var parts = new List<string> { headline };
        if (limit is not null)
        {
            var length = Display.Term(null, limit.Months, limit.Days, texts);
            var forClass = limit.OffenceClass is { } cls ? " " + texts.Format("deadline.forClass", texts["offence-class." + cls]) : "";
            parts.Add(texts.Format("deadline.because", type, from, limit.Article, limit.Law, limit.CodeVersion, length + forClass));
            if (!limit.Verified)
            {
                parts.Add(texts["deadline.unverified"]);
            }
        }
        else
        {
            parts.Add(texts.Format("deadline.since", type, from));
        }
        if (d.DueIsEarliest)
        {
            parts.Add(texts.Format("deadline.earliest", Display.Day(d.DueLatest)));
        }
        if (d.ClassAssumed)
        {
            parts.Add(texts["deadline.classAssumed"]);
        }
        return string.Join(" ", parts);
    }

    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> personIds, CancellationToken cancellationToken)
    {
        var ids = personIds.Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Include(p => p.Names).ToListAsync(cancellationToken);
        return people.ToDictionary(p => p.Id, p => p.NameFor(Texts.CurrentLanguage));
    }

    private static string EventTitle(Event e, Dictionary<Guid, string> names)
    {
        var people = string.Join(", ", e.People.Where(p => names.ContainsKey(p.PersonId)).Select(p => names[p.PersonId]));
        var caseTitle = e.Case is null ? null : CaseTitle(e.Case.Title, e.Case.CourtCaseNumber);
        return string.Join(" · ", new[] { people, caseTitle }.Where(s => !string.IsNullOrEmpty(s)));
    }

    public static string CaseTitle(string title, string? number) => number is null ? title : $"{title} ({number})";

    private static bool IsMine(HashSet<(string, Guid)> mine, Event e) =>
        (e.CaseId is { } c && mine.Contains(("case", c))) || e.People.Any(p => mine.Contains(("person", p.PersonId)));
}
