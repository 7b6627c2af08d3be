using Habeas.Core.Custody;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Public;

/// <summary>
/// The published list (/public): people at level public, read as an anonymous visitor whoever asks, filtered by their
/// status on a day in the public custody timeline (published_custody_periods, never the shared one), a tag, a place of
/// one of their public events and a legal provision charged in one of their public cases; sorted and paged 50 at a time.
/// Built for a million people: the name order walks the index person_names (sort_order, search_text), a page asks for
/// one row more than it shows instead of counting, and a page's rows are read in three queries whatever its size.
/// </summary>
public static class PublicList
{
    public const int PageSize = 50;
    public const string ByName = "name";
    public const string ByArrestNewest = "arrest";
    public const string ByArrestOldest = "arrest-oldest";
    public static readonly IReadOnlyList<string> Sorts = [ByName, ByArrestNewest, ByArrestOldest];

    /// <summary>What the visitor asked for, already checked (unknown values are dropped, not guessed). Name: a name to
    /// find, in any spelling or script (through the name index); null for everyone.</summary>
    public sealed record Query(
        string? Status,
        DateOnly Day,
        string? Tag,
        Guid? Place,
        Guid? Provision,
        string Sort,
        int Page,
        string? Name = null
    )
    {
        public bool Filtered => Status is not null || Tag is not null || Place is not null || Provision is not null || Name is not null;
    }

    /// <summary>The most people a name search on the public list considers (the best matches of the name index).</summary>
    public const int NameMatches = 1_000;

    public sealed record Row(
        Guid Id,
        string Name,
        IReadOnlyList<PersonName> Names,
        IReadOnlyList<string> Tags,
        string Status,
        Core.Dates.FuzzyDate? FirstDetained
    );

    public sealed record Result(IReadOnlyList<Row> Rows, bool HasNext);

    /// <summary>
    /// A filter that matches at most this many rows of its own index has its people gathered first (<see cref="GatherAsync"/>);
    /// a commoner one is checked person by person along the order, which finds a page sooner than reading them all. Both
    /// cost about one index probe per person read: gathering reads the filter's n people, the walk about 51 / share of
    /// them, and n · share = n² / people, so gathering wins below about √(51 · people / 0.7) ≈ 8,500 at a million people
    /// (measured: monks, 10,000, gathered took longer than walked on PostgreSQL). Each further filter multiplies the limit
    /// by 4: it keeps a quarter or fewer of the people, so the walk goes four times as far or more for a page.
    /// </summary>
    public const int GatherLimit = 5_000;

    /// <summary>A page of the list. Only tests change <c>gatherLimit</c>: 0 checks every filter along the order, a large number gathers
    /// whenever it can. With <see cref="Query.Name"/>, <c>named</c> holds the people the name index matched, best first
    /// (the page model asks the index): only those are listed, in that order unless another sort was chosen.</summary>
    public static async Task<Result> PageAsync(
        HabeasDb db,
        Query query,
        string language,
        CancellationToken cancellationToken,
        int gatherLimit = GatherLimit,
        IReadOnlyList<Guid>? named = null
    )
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        var people = await FilterAsync(db, query, cancellationToken);
        if (await GatherAsync(db, query, gatherLimit, cancellationToken) is { } gathered)
        {
            // The filters above still apply (and the level filter of the anonymous viewer): the gathered ids only narrow.
            people = people.Where(p => EF.Parameter(gathered).Contains(p.Id));
        }
        if (named is not null)
        {
            // The index proposes; the filters and the level filter of the anonymous viewer decide.
            people = people.Where(p => EF.Parameter(named).Contains(p.Id));
        }
        var skip = (query.Page - 1) * PageSize;
        List<Guid> ids;
        if (named is not null && query.Sort == ByName)
        {
            var shown = (await people.Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
            ids = named.Where(shown.Contains).Skip(skip).Take(PageSize + 1).ToList();
        }
        else if (query.Sort == ByName)
        {
            ids = await (
                from n in db.PersonNames
                where n.SortOrder == 0
                join p in people on n.PersonId equals p.Id
                orderby n.SearchText, n.PersonId
                select n.PersonId
            )
                .Skip(skip)
                .Take(PageSize + 1)
                .ToListAsync(cancellationToken);
        }
        else
        {
            ids = await ByFirstDetentionAsync(db, people, query.Sort == ByArrestNewest, skip, cancellationToken);
        }
        var hasNext = ids.Count > PageSize;
        ids = ids.Take(PageSize).ToList();

        var loaded = await db
            .People.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Include(p => p.Names)
            .Include(p => p.Tags)
            .AsSplitQuery()
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var statuses = await db
            .PublishedCustodyPeriods.CoveringDay(query.Day)
            .Where(c => ids.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.Status })
            .ToListAsync(cancellationToken);
        var firsts = (
            await db
                .PublishedCustodyPeriods.Where(c => ids.Contains(c.PersonId) && c.DeprivedOfLiberty)
                .Select(c => new
                {
                    c.PersonId,
                    c.FromDay,
                    c.FromDate,
                })
                .ToListAsync(cancellationToken)
        ).GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => Core.Dates.FuzzyDate.Parse(g.MinBy(c => c.FromDay)!.FromDate));
        var rows = ids.Where(loaded.ContainsKey)
            .Select(id =>
            {
                var person = loaded[id];
                return new Row(
                    id,
                    person.NameFor(language),
                    person.Names.OrderBy(n => n.SortOrder).ToList(),
                    person.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
                    statuses.FirstOrDefault(s => s.PersonId == id)?.Status ?? CustodyQueries.Free,
                    firsts.TryGetValue(id, out var first) ? first : (Core.Dates.FuzzyDate?)null
                );
            })
            .ToList();
        return new Result(rows, hasNext);
    }

    /// <summary>
    /// A page of ids by first detention on the public record, newest or oldest first; people never detained there come
    /// after all the others, by id. The first detention is the person's detention period with no earlier one in their
    /// timeline (a timeline's periods follow one another in sequence order), so the order walks the index of
    /// published_custody_periods (from_day, person_id) and stops after a page, instead of finding every person's earliest
    /// day and sorting them all. Ties on a day go by id, descending when newest first (the index read backwards).
    /// </summary>
    private static async Task<List<Guid>> ByFirstDetentionAsync(
        HabeasDb db,
        IQueryable<Person> people,
        bool newest,
        int skip,
        CancellationToken cancellationToken
    )
    {
        var firsts = db.PublishedCustodyPeriods.Where(c =>
            c.DeprivedOfLiberty
            && !db.Set<PublishedCustodyPeriod>().Any(e => e.PersonId == c.PersonId && e.DeprivedOfLiberty && e.Sequence < c.Sequence)
            && people.Any(p => p.Id == c.PersonId)
        );
        var ordered = newest
            ? firsts.OrderByDescending(c => c.FromDay).ThenByDescending(c => c.PersonId)
            : firsts.OrderBy(c => c.FromDay).ThenBy(c => c.PersonId);
        var ids = await ordered.Select(c => c.PersonId).Skip(skip).Take(PageSize + 1).ToListAsync(cancellationToken);
        if (ids.Count > PageSize)
        {
            return ids;
        }
        // The end of the detained: the never detained follow. How many detained there are is only counted past the end.
        var detained = ids.Count > 0 || skip == 0 ? skip + ids.Count : await firsts.CountAsync(cancellationToken);
        var never = await people
            .Where(p => !db.Set<PublishedCustodyPeriod>().Any(c => c.PersonId == p.Id && c.DeprivedOfLiberty))
            .OrderBy(p => p.Id)
            .Select(p => p.Id)
            .Skip(Math.Max(0, skip - detained))
            .Take(PageSize + 1 - ids.Count)
            .ToListAsync(cancellationToken);
        return [.. ids, .. never];
    }

    /// <summary>The published people matching the filters (the level filter of the anonymous viewer gives public records only).</summary>
    public static async Task<IQueryable<Person>> FilterAsync(HabeasDb db, Query query, CancellationToken cancellationToken)
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        var people = db.People.AsQueryable();
        var day = query.Day;
        if (query.Status == CustodyQueries.Free)
        {
            people = people.Where(p =>
                !db.Set<PublishedCustodyPeriod>()
                    .Any(c =>
                        c.PersonId == p.Id && c.Status != CustodyQueries.Free && c.FromDay <= day && (c.ToDay == null || c.ToDay > day)
                    )
            );
        }
        else if (query.Status is { } status)
        {
            people = people.Where(p =>
                db.Set<PublishedCustodyPeriod>()
                    .Any(c => c.PersonId == p.Id && c.Status == status && c.FromDay <= day && (c.ToDay == null || c.ToDay > day))
            );
        }
        if (query.Tag is { } tag)
        {
            people = people.Where(p => p.Tags.Any(t => t.Tag == tag));
        }
        if (query.Place is { } place)
        {
            // A province takes in the districts and places within it.
            var places = await PlaceAndWithinAsync(db, place, cancellationToken);
            people = people.Where(p =>
                db.Set<EventPerson>()
                    .Any(ep =>
                        ep.PersonId == p.Id
                        && db.Set<Event>().Any(e => e.Id == ep.EventId && e.PlaceId != null && places.Contains(e.PlaceId.Value))
                    )
            );
        }
        if (query.Provision is { } provision)
        {
            // Charged by name, or in a case whose charge names no one (then every participant answers to it). Asked from the
            // person's side (their charges, their cases: index probes), not from the provision's (a correlated OR that made
            // both databases read all of the provision's charges for every person).
            people = people.Where(p =>
                db.Set<Charge>().Any(c => c.PersonId == p.Id && c.ProvisionId == provision)
                || db.Set<CaseParticipant>()
                    .Any(cp =>
                        cp.PersonId == p.Id
                        && db.Set<Charge>().Any(c => c.CaseId == cp.CaseId && c.PersonId == null && c.ProvisionId == provision)
                    )
            );
        }
        return people;
    }

    /// <summary>
    /// The people of the most selective filter, read from that filter's own index, when it matches at most
    /// <paramref name="limit"/> rows there; else null. A filter's share of people is what makes the walk along the order
    /// slow (it checks about 51 divided by that share people for a page), so a rare tag, place, charge or status is
    /// answered by gathering its few people and sorting only them. The ids may include unpublished people and repeats:
    /// they narrow the list, whose own filters still decide. Status "free" (no other status that day) is never gathered.
    /// </summary>
    private static async Task<List<Guid>?> GatherAsync(HabeasDb db, Query query, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return null;
        }
        var filters =
            (query.Status is null ? 0 : 1)
            + (query.Tag is null ? 0 : 1)
            + (query.Place is null ? 0 : 1)
            + (query.Provision is null ? 0 : 1);
        for (var more = 1; more < filters && limit < 1_000_000; more++)
        {
            limit *= 4;
        }
        var sources = new List<IQueryable<Guid>>();
        if (query.Tag is { } tag)
        {
            sources.Add(db.PersonTags.IgnoreQueryFilters().Where(t => t.Tag == tag).Select(t => t.PersonId));
        }
        if (query.Status is { } status && status != CustodyQueries.Free)
        {
            var day = query.Day;
            sources.Add(
                db.PublishedCustodyPeriods.IgnoreQueryFilters()
                    .Where(c => c.Status == status && c.FromDay <= day && (c.ToDay == null || c.ToDay > day))
                    .Select(c => c.PersonId)
            );
        }
        if (query.Place is { } place)
        {
            var places = await PlaceAndWithinAsync(db, place, cancellationToken);
            sources.Add(
                from e in db.Events.IgnoreQueryFilters()
                where e.PlaceId != null && places.Contains(e.PlaceId.Value) && e.RetractedAt == null
                join ep in db.EventPeople.IgnoreQueryFilters() on e.Id equals ep.EventId
                select ep.PersonId
            );
        }
        if (query.Provision is { } provision)
        {
            sources.Add(
                db.Charges.IgnoreQueryFilters()
                    .Where(c => c.ProvisionId == provision && c.PersonId != null && c.RetractedAt == null)
                    .Select(c => c.PersonId!.Value)
                    .Concat(
                        from c in db.Charges.IgnoreQueryFilters()
                        where c.ProvisionId == provision && c.PersonId == null && c.RetractedAt == null
                        join cp in db.CaseParticipants.IgnoreQueryFilters() on c.CaseId equals cp.CaseId
                        select cp.PersonId
                    )
            );
        }
        IQueryable<Guid>? fewest = null;
        var fewestCount = long.MaxValue;
        foreach (var source in sources)
        {
            // Counted no further than the limit: a common filter costs a bounded read of its index, not all of it.
            var count = await source.Take(limit + 1).CountAsync(cancellationToken);
            if (count <= limit && count < fewestCount)
            {
                (fewest, fewestCount) = (source, count);
            }
        }
        return fewest is null ? null : (await fewest.ToListAsync(cancellationToken)).Distinct().ToList();
    }

    private static async Task<List<Guid>> PlaceAndWithinAsync(HabeasDb db, Guid place, CancellationToken cancellationToken)
    {
        var all = await db.Places.AsNoTracking().Select(p => new { p.Id, p.ParentId }).ToListAsync(cancellationToken);
        var found = new List<Guid> { place };
        for (var i = 0; i < found.Count; i++)
        {
            found.AddRange(all.Where(p => p.ParentId == found[i] && !found.Contains(p.Id)).Select(p => p.Id));
        }
        return found;
    }

    /// <summary>Reads the query string; a value that is not a known status, sort, date or id is ignored (the list shows unfiltered by
    /// it).</summary>
    public static Query Parse(IQueryCollection values, DateOnly today)
    {
        string? Value(string key) => values[key].FirstOrDefault() is { Length: > 0 and <= 100 } v ? v : null;
        var status = Value("status") is { } s && CustodyStatuses.TryParse(s, out _) ? s : null;
        var day = DateOnly.TryParseExact(
            Value("on"),
            "yyyy-MM-dd",
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None,
            out var d
        )
            ? d
            : today;
        var tag = Value("tag");
        var place = Guid.TryParse(Value("place"), out var pl) ? pl : (Guid?)null;
        var provision = Guid.TryParse(Value("charge"), out var pr) ? pr : (Guid?)null;
        var sort = Value("sort") is { } so && Sorts.Contains(so) ? so : ByName;
        var page = int.TryParse(Value("page"), out var n) && n is >= 1 and <= 1_000_000 ? n : 1;
        return new Query(status, day, tag, place, provision, sort, page, Value("q")?.Trim() is { Length: > 0 } name ? name : null);
    }
}
