using Habeas.Core.Custody;
using Habeas.Custody;
using Habeas.People;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Public;

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

    /// <summary>What the visitor asked for, already checked (unknown values are dropped, not guessed).</summary>
    public sealed record Query(string? Status, DateOnly Day, string? Tag, Guid? Place, Guid? Provision, string Sort, int Page)
    {
        public bool Filtered => Status is not null || Tag is not null || Place is not null || Provision is not null;
    }

    public sealed record Row(Guid Id, string Name, IReadOnlyList<PersonName> Names, IReadOnlyList<string> Tags, string Status, Core.Dates.FuzzyDate? FirstDetained);

    public sealed record Result(IReadOnlyList<Row> Rows, bool HasNext);

    public static async Task<Result> PageAsync(HabeasDb db, Query query, string language, CancellationToken cancellationToken)
    {
        db.Viewer = Access.Viewer.Anonymous;
        var people = await FilterAsync(db, query, cancellationToken);
        var skip = (query.Page - 1) * PageSize;
        List<Guid> ids;
        if (query.Sort == ByName)
        {
            ids = await (from n in db.PersonNames
                         where n.SortOrder == 0
                         join p in people on n.PersonId equals p.Id
                         orderby n.SearchText, n.PersonId
                         select n.PersonId).Skip(skip).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        else
        {
            var withArrest = people.Select(p => new
            {
                p.Id,
                First = db.PublishedCustodyPeriods.Where(c => c.PersonId == p.Id && c.DeprivedOfLiberty).Min(c => (DateOnly?)c.FromDay),
            });
            // People never detained on the public record come last in both orders (providers disagree on where NULL sorts).
            ids = await (query.Sort == ByArrestOldest
                    ? withArrest.OrderBy(x => x.First == null).ThenBy(x => x.First).ThenBy(x => x.Id)
                    : withArrest.OrderBy(x => x.First == null).ThenByDescending(x => x.First).ThenBy(x => x.Id))
                .Select(x => x.Id).Skip(skip).Take(PageSize + 1).ToListAsync(cancellationToken);
        }
        var hasNext = ids.Count > PageSize;
        ids = ids.Take(PageSize).ToList();

        var loaded = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).Include(p => p.Names).Include(p => p.Tags)
            .AsSplitQuery().ToDictionaryAsync(p => p.Id, cancellationToken);
        var statuses = await db.PublishedCustodyPeriods.CoveringDay(query.Day).Where(c => ids.Contains(c.PersonId))
            .Select(c => new { c.PersonId, c.Status }).ToListAsync(cancellationToken);
        var firsts = (await db.PublishedCustodyPeriods.Where(c => ids.Contains(c.PersonId) && c.DeprivedOfLiberty)
            .Select(c => new { c.PersonId, c.FromDay, c.FromDate }).ToListAsync(cancellationToken))
            .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => Core.Dates.FuzzyDate.Parse(g.MinBy(c => c.FromDay)!.FromDate));
        var rows = ids.Where(loaded.ContainsKey).Select(id =>
        {
            var person = loaded[id];
            return new Row(id, person.NameFor(language), person.Names.OrderBy(n => n.SortOrder).ToList(), person.Tags.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList(),
                statuses.FirstOrDefault(s => s.PersonId == id)?.Status ?? CustodyQueries.Free,
                firsts.TryGetValue(id, out var first) ? first : (Core.Dates.FuzzyDate?)null);
        }).ToList();
        return new Result(rows, hasNext);
    }

    /// <summary>The published people matching the filters (the level filter of the anonymous viewer gives public records only).</summary>
    public static async Task<IQueryable<Person>> FilterAsync(HabeasDb db, Query query, CancellationToken cancellationToken)
    {
        db.Viewer = Access.Viewer.Anonymous;
        var people = db.People.AsQueryable();
        var day = query.Day;
        if (query.Status == CustodyQueries.Free)
        {
            people = people.Where(p => !db.PublishedCustodyPeriods.Any(c => c.PersonId == p.Id && c.Status != CustodyQueries.Free
                && c.FromDay <= day && (c.ToDay == null || c.ToDay > day)));
        }
        else if (query.Status is { } status)
        {
            people = people.Where(p => db.PublishedCustodyPeriods.Any(c => c.PersonId == p.Id && c.Status == status
                && c.FromDay <= day && (c.ToDay == null || c.ToDay > day)));
        }
        if (query.Tag is { } tag)
        {
            people = people.Where(p => p.Tags.Any(t => t.Tag == tag));
        }
        if (query.Place is { } place)
        {
            // A province takes in the districts and places within it.
            var places = await PlaceAndWithinAsync(db, place, cancellationToken);
            people = people.Where(p => db.EventPeople.Any(ep => ep.PersonId == p.Id
                && db.Events.Any(e => e.Id == ep.EventId && e.PlaceId != null && places.Contains(e.PlaceId.Value))));
        }
        if (query.Provision is { } provision)
        {
            people = people.Where(p => db.Charges.Any(c => c.ProvisionId == provision
                && (c.PersonId == p.Id || (c.PersonId == null && db.CaseParticipants.Any(cp => cp.CaseId == c.CaseId && cp.PersonId == p.Id)))));
        }
        return people;
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

    /// <summary>Reads the query string; a value that is not a known status, sort, date or id is ignored (the list shows unfiltered by it).</summary>
    public static Query Parse(IQueryCollection values, DateOnly today)
    {
        string? Value(string key) => values[key].FirstOrDefault() is { Length: > 0 and <= 100 } v ? v : null;
        var status = Value("status") is { } s && CustodyStatuses.TryParse(s, out _) ? s : null;
        var day = DateOnly.TryParseExact(Value("on"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : today;
        var tag = Value("tag");
        var place = Guid.TryParse(Value("place"), out var pl) ? pl : (Guid?)null;
        var provision = Guid.TryParse(Value("charge"), out var pr) ? pr : (Guid?)null;
        var sort = Value("sort") is { } so && Sorts.Contains(so) ? so : ByName;
        var page = int.TryParse(Value("page"), out var n) && n is >= 1 and <= 1_000_000 ? n : 1;
        return new Query(status, day, tag, place, provision, sort, page);
    }
}
