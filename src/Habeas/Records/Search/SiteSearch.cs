using Habeas.Core.Custody;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Search;

/// <summary>
/// One search box over people, cases, events and sources. Words match the beginnings of the words of a record
/// (folded, Khmer and Thai cut by ICU: <see cref="SearchWords"/>); people are also found by any spelling of their
/// names (<see cref="PeopleSearch"/>). Every query goes through the record tables, whose filters hide what the
/// reader may not see, so hidden records are neither listed nor counted; snippets are cut from the records read.
/// Filters narrow each kind of record they apply to and leave out the kinds they cannot apply to (sources have
/// no custody status, place or charge).
/// </summary>
public static class SiteSearch
{
    public static readonly IReadOnlyList<string> Types = ["person", "case", "event", "source"];

    /// <summary>The custody statuses by their labels, each with its code, for a message about a status filter.</summary>
    public static Problems.Listing CustodyChoices =>
        Problems.LabelledCodes(CustodyStatuses.All.Select(CustodyStatuses.Code), c => "term.custody-status." + c);

    /// <summary>People found by name are listed from this score up (below it a match is mostly coincidence).</summary>
    public const int MinimumNameScore = PeopleSearch.MinimumScore;

    public sealed class Request
    {
        public string? Q { get; set; }

        /// <summary>Only this kind of record (person, case, event, source).</summary>
        public string? Type { get; set; }
        public string? Status { get; set; }
        public DateOnly? On { get; set; }
        public string? Tag { get; set; }
        public Guid? Place { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }

        /// <summary>A legal provision: cases charging it, people charged under it, events of those cases.</summary>
        public Guid? Charge { get; set; }
        public int Limit { get; set; } = 20;

        public bool HasFilter =>
            Status is not null || Tag is not null || Place is not null || From is not null || To is not null || Charge is not null;

        public Validation Validate()
        {
            var v = new Validation();
            if (Type is not null && !Types.Contains(Type))
            {
                v.Add("type", "search.error.type", Type, Problems.LabelledCodes(Types, t => "search.type." + t));
            }
            if (Status is not null && !CustodyStatuses.TryParse(Status, out _))
            {
                v.Add("status", "custody.error.status", Status, CustodyChoices);
            }
            if (From is { } from && To is { } to && to < from)
            {
                v.Add("to", "search.error.period", Display.Day(to), Display.Day(from));
            }
            if (Limit is < 1 or > 100)
            {
                v.Add("limit", "validation.range", new Validation.Label("validation.label.limit"), 1, 100);
            }
            if (string.IsNullOrWhiteSpace(Q) && !HasFilter)
            {
                v.Add("q", "search.error.empty");
            }
            if (Q is { Length: > 200 })
            {
                v.Add("q", "search.error.length", 200);
            }
            return v;
        }
    }

    /// <param name="Type">person, case, event or source.</param>
    /// <param name="Id">The record.</param>
    /// <param name="Title">Its name or title.</param>
    /// <param name="Snippet">The part of its text that matched (at most 220 characters).</param>
    /// <param name="Score">For people found by name: 0–100.</param>
    /// <param name="MatchedName">For people found by name: the name that matched.</param>
    /// <param name="Reason">For people found by name: exact, spelling, typo or partial.</param>
    public sealed record Item(string Type, Guid Id, string Title, string Snippet, int? Score, string? MatchedName, string? Reason);

    public sealed record Group(string Type, int Total, IReadOnlyList<Item> Items);

    public sealed record Result(IReadOnlyList<string> Words, IReadOnlyList<Group> Groups);

    /// <summary>Runs the search; titles the interface makes (an event's: its type and date) are in the reader's language.</summary>
    public static async Task<Result> RunAsync(
        HabeasDb db,
        PeopleNameIndex index,
        Request request,
        Vocabularies vocabularies,
        Texts texts,
        CancellationToken cancellationToken
    )
    {
        var words = SearchWords.Of(request.Q).Take(MaxWords).ToList();
        var day = request.On ?? db.Time.Today();
        var places = request.Place is { } place ? await PlaceAndWithinAsync(db, place, cancellationToken) : null;
        var statusIds = request.Status is { } status ? CustodyQueries.WithStatusOn(db, status, day) : null;
        var groups = new List<Group>();
        var wanted = (string type) => request.Type is null || request.Type == type;

        if (wanted("person"))
        {
            groups.Add(await PeopleAsync(db, index, request, words, places, statusIds, cancellationToken));
        }
        if (wanted("case"))
        {
            groups.Add(await CasesAsync(db, request, words, places, statusIds, cancellationToken));
        }
        if (wanted("event"))
        {
            groups.Add(await EventsAsync(db, request, words, places, statusIds, vocabularies, texts, cancellationToken));
        }
        if (wanted("source"))
        {
            groups.Add(await SourcesAsync(db, request, words, cancellationToken));
        }
        return new Result(words, groups);
    }

    /// <summary>
    /// The people a search box finds for <paramref name="q"/>: those the name index finds by any spelling of a name
    /// (<see cref="PeopleSearch.ByNameAsync"/>) and those whose record holds every word (Khmer running text segmented).
    /// /search and the people list's name box (/people?q=, the home page's box) both filter with it.
    /// </summary>
    public static async Task<IQueryable<Person>> PeopleFoundAsync(
        HabeasDb db,
        PeopleNameIndex index,
        IQueryable<Person> query,
        string q,
        CancellationToken cancellationToken
    )
    {
        var nameIds = (await PeopleSearch.ByNameAsync(db, index, q, cancellationToken)).Select(h => h.Id).ToList();
        return await PeopleMatchingAsync(db, query, nameIds, SearchWords.Of(q).Take(MaxWords).ToList(), cancellationToken);
    }

    private const int MaxWords = 10;

    private static async Task<IQueryable<Person>> PeopleMatchingAsync(
        HabeasDb db,
        IQueryable<Person> query,
        List<Guid> nameIds,
        List<string> words,
        CancellationToken cancellationToken
    )
    {
        if (words.Count == 0)
        {
            return query.Where(p => nameIds.Contains(p.Id));
        }
        var ids = await SearchWordIndex.RecordIdsAsync(db, "person", words, cancellationToken);
        return query.Where(p => nameIds.Contains(p.Id) || ids.Contains(p.Id));
    }

    private static async Task<Group> PeopleAsync(
        HabeasDb db,
        PeopleNameIndex index,
        Request request,
        List<string> words,
        List<Guid>? places,
        IQueryable<Guid>? statusIds,
        CancellationToken cancellationToken
    )
    {
        var byName = string.IsNullOrWhiteSpace(request.Q)
            ? []
            : (await PeopleSearch.ByNameAsync(db, index, request.Q, cancellationToken)).ToList();
        var nameIds = byName.Select(h => h.Id).ToList();
        var query = words.Count > 0 ? await PeopleMatchingAsync(db, db.People, nameIds, words, cancellationToken) : db.People.AsQueryable();
        if (statusIds is not null)
        {
            query = query.Where(p => statusIds.Contains(p.Id));
        }
        if (request.Tag is { } tag)
        {
            query = query.Where(p => p.Tags.Any(t => t.Tag == tag));
        }
        if (places is not null)
        {
            query = query.Where(p =>
                db.Set<EventPerson>()
                    .Any(ep =>
                        ep.PersonId == p.Id
                        && db.Set<Event>().Any(e => e.Id == ep.EventId && e.PlaceId != null && places.Contains(e.PlaceId.Value))
                    )
            );
        }
        if (request.From is not null || request.To is not null)
        {
            var events = EventsIn(db.Events, request.From, request.To);
            query = query.Where(p => db.Set<EventPerson>().Any(ep => ep.PersonId == p.Id && events.Any(e => e.Id == ep.EventId)));
        }
        if (request.Charge is { } charge)
        {
            query = query.Where(p =>
                db.Set<Charge>()
                    .Any(c =>
                        c.ProvisionId == charge
                        && (
                            c.PersonId == p.Id
                            || (c.PersonId == null && db.Set<CaseParticipant>().Any(cp => cp.CaseId == c.CaseId && cp.PersonId == p.Id))
                        )
                    )
            );
        }
        var total = await query.CountAsync(cancellationToken);
        // Found by name first, best first; then the rest by name.
        var ranked = byName.Select(h => h.Id).ToList();
        var rankedVisible = await query.Where(p => ranked.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        var ids = ranked.Where(rankedVisible.Contains).Take(request.Limit).ToList();
        if (ids.Count < request.Limit)
        {
            ids.AddRange(
                await query
                    .Where(p => !ranked.Contains(p.Id))
                    .OrderBy(p => p.Names.Where(n => n.SortOrder == 0).Select(n => n.SearchText).FirstOrDefault())
                    .ThenBy(p => p.Id)
                    .Select(p => p.Id)
                    .Take(request.Limit - ids.Count)
                    .ToListAsync(cancellationToken)
            );
        }
        var people = await db
            .People.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Include(p => p.Names)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var hits = byName.ToDictionary(h => h.Id);
        var items = ids.Where(people.ContainsKey)
            .Select(id =>
            {
                var person = people[id];
                if (hits.TryGetValue(id, out var hit))
                {
                    return new Item(
                        "person",
                        id,
                        person.NameFor(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
                        hit.MatchedName,
                        hit.Score,
                        hit.MatchedName,
                        hit.Reason
                    );
                }
                var text = person
                    .Names.Select(n => n.Text)
                    .Concat([person.Occupation, person.Biography.Best()])
                    .FirstOrDefault(t => Highlight.Matches(t ?? "", words).Count > 0);
                return new Item(
                    "person",
                    id,
                    person.NameFor(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName),
                    Highlight.Snippet(text ?? string.Join(" · ", person.Names.Select(n => n.Text)), words),
                    null,
                    null,
                    null
                );
            })
            .ToList();
        return new Group("person", total, items);
    }

    private static async Task<Group> CasesAsync(
        HabeasDb db,
        Request request,
        List<string> words,
        List<Guid>? places,
        IQueryable<Guid>? statusIds,
        CancellationToken cancellationToken
    )
    {
        var query = db.Cases.AsQueryable();
        if (words.Count > 0)
        {
            var ids = await SearchWordIndex.RecordIdsAsync(db, "case", words, cancellationToken);
            query = query.Where(c => ids.Contains(c.Id));
        }
        if (statusIds is not null)
        {
            query = query.Where(c => c.Participants.Any(p => statusIds.Contains(p.PersonId)));
        }
        if (request.Tag is { } tag)
        {
            query = query.Where(c => c.Participants.Any(p => db.Set<PersonTag>().Any(t => t.PersonId == p.PersonId && t.Tag == tag)));
        }
        if (places is not null)
        {
            query = query.Where(c =>
                (c.JurisdictionId != null && places.Contains(c.JurisdictionId.Value))
                || db.Set<Event>().Any(e => e.CaseId == c.Id && e.PlaceId != null && places.Contains(e.PlaceId.Value))
            );
        }
        if (request.From is not null || request.To is not null)
        {
            var events = EventsIn(db.Events, request.From, request.To);
            query = query.Where(c => events.Any(e => e.CaseId == c.Id));
        }
        if (request.Charge is { } charge)
        {
            query = query.Where(c => c.Charges.Any(ch => ch.ProvisionId == charge));
        }
        var total = await query.CountAsync(cancellationToken);
        var cases = await query.AsNoTracking().OrderBy(c => c.Title).ThenBy(c => c.Id).Take(request.Limit).ToListAsync(cancellationToken);
        var items = cases
            .Select(c =>
            {
                var text = new[] { c.Title, c.CourtCaseNumber }
                    .Concat(c.Summary.Values)
                    .FirstOrDefault(t => Highlight.Matches(t ?? "", words).Count > 0)
                    ?? c.Summary.Best();
                return new Item("case", c.Id, c.Title, Highlight.Snippet(text, words), null, null, null);
            })
            .ToList();
        return new Group("case", total, items);
    }

    private static async Task<Group> EventsAsync(
        HabeasDb db,
        Request request,
        List<string> words,
        List<Guid>? places,
        IQueryable<Guid>? statusIds,
        Vocabularies vocabularies,
        Texts texts,
        CancellationToken cancellationToken
    )
    {
        var query = EventsIn(db.Events, request.From, request.To);
        if (words.Count > 0)
        {
            var ids = await SearchWordIndex.RecordIdsAsync(db, "event", words, cancellationToken);
            query = query.Where(e => ids.Contains(e.Id));
        }
        if (statusIds is not null)
        {
            query = query.Where(e => e.People.Any(p => statusIds.Contains(p.PersonId)));
        }
        if (request.Tag is { } tag)
        {
            query = query.Where(e => e.People.Any(p => db.Set<PersonTag>().Any(t => t.PersonId == p.PersonId && t.Tag == tag)));
        }
        if (places is not null)
        {
            query = query.Where(e => e.PlaceId != null && places.Contains(e.PlaceId.Value));
        }
        if (request.Charge is { } charge)
        {
            query = query.Where(e => e.CaseId != null && db.Set<Charge>().Any(ch => ch.CaseId == e.CaseId && ch.ProvisionId == charge));
        }
        var total = await query.CountAsync(cancellationToken);
        var events = await query
            .AsNoTracking()
            .OrderByDescending(e => e.SortDate)
            .ThenBy(e => e.Id)
            .Take(request.Limit)
            .ToListAsync(cancellationToken);
        var items = events
            .Select(e =>
            {
                var text = e.Description.Values.FirstOrDefault(t => Highlight.Matches(t, words).Count > 0) ?? e.Description.Best();
                return new Item("event", e.Id, EventTitle(e, vocabularies, texts), Highlight.Snippet(text, words), null, null, null);
            })
            .ToList();
        return new Group("event", total, items);
    }

    private static async Task<Group> SourcesAsync(HabeasDb db, Request request, List<string> words, CancellationToken cancellationToken)
    {
        if (request.HasFilter || words.Count == 0)
        {
            return new Group("source", 0, []); // custody, tags, places, periods and charges are not properties of a source
        }
        var ids = await SearchWordIndex.RecordIdsAsync(db, "source", words, cancellationToken);
        var query = db.Sources.Where(s => ids.Contains(s.Id));
        var total = await query.CountAsync(cancellationToken);
        var sources = await query.AsNoTracking().OrderBy(s => s.Title).ThenBy(s => s.Id).Take(request.Limit).ToListAsync(cancellationToken);
        var items = sources
            .Select(s =>
            {
                var text = new[] { s.Title, s.Publisher, s.Author, s.Excerpt }.FirstOrDefault(t =>
                    Highlight.Matches(t ?? "", words).Count > 0
                )
                    ?? s.Excerpt
                    ?? s.Title;
                return new Item("source", s.Id, s.Title, Highlight.Snippet(text, words), null, null, null);
            })
            .ToList();
        return new Group("source", total, items);
    }

    /// <summary>"Arrest, 12 March 2019": the label of the event's type and its date, as the reader writes it.</summary>
    public static string EventTitle(Event e, Vocabularies vocabularies, Texts texts)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(vocabularies);
        var type = vocabularies.Label("event-type", e.Type);
        return e.Date is null ? type : texts.Format("search.eventTitle", type, Display.Date(e.Date, texts));
    }

    private static IQueryable<Event> EventsIn(IQueryable<Event> events, DateOnly? from, DateOnly? to)
    {
        if (from is { } f)
        {
            events = events.Where(e => e.SortDate >= f);
        }
        if (to is { } t)
        {
            events = events.Where(e => e.SortDate <= t);
        }
        return events;
    }

    /// <summary>A place and every place within it (a province and its districts).</summary>
    private static async Task<List<Guid>> PlaceAndWithinAsync(HabeasDb db, Guid place, CancellationToken cancellationToken)
    {
        var all = await db.Places.AsNoTracking().Select(p => new { p.Id, p.ParentId }).ToListAsync(cancellationToken);
        var found = new List<Guid> { place };
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(all.Where(p => p.ParentId == found[i]).Select(p => p.Id));
        }
        return found;
    }
}
