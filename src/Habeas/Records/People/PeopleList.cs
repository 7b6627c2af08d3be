using Habeas.Core.Names;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Records.Custody;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>The list of people: filtered, one page at a time (the people page and GET /api/v1/people).</summary>
public static class PeopleList
{
    /// <summary>People filtered by name (a part of any name as written, or any spelling or script of it through the
    /// name index), custody status on a day and tag.</summary>
    public static async Task<IQueryable<Person>> FilterAsync(
        HabeasDb db,
        Search.PeopleNameIndex index,
        string? q,
        string? status,
        DateOnly day,
        string? tag,
        CancellationToken cancellationToken
    )
    {
        var query = db.People.AsQueryable();
        var folded = NameFolding.Fold(q);
        if (folded.Length > 0)
        {
            // The people /search finds (the name index, and the record's words), and any name holding the text as typed.
            var found = (await Search.SiteSearch.PeopleFoundAsync(db, index, db.People, q!, cancellationToken)).Select(p => p.Id);
            query = query.Where(p => p.Names.Any(n => n.SearchText.Contains(folded)) || found.Contains(p.Id));
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            var ids = CustodyQueries.WithStatusOn(db, status, day);
            query = query.Where(p => ids.Contains(p.Id));
        }
        if (!string.IsNullOrWhiteSpace(tag))
        {
            query = query.Where(p => p.Tags.Any(t => t.Tag == tag));
        }
        return query;
    }

    /// <summary>One page of people in name order, with each one's custody status on <paramref name="day"/>.</summary>
    public static async Task<Page<PersonSummary>> PageAsync(
        HabeasDb db,
        IQueryable<Person> query,
        DateOnly day,
        int limit,
        int offset,
        CancellationToken cancellationToken
    )
    {
        var total = await query.CountAsync(cancellationToken);
        var people = await query
            .OrderBy(p => p.Names.Where(n => n.SortOrder == 0).Select(n => n.SearchText).FirstOrDefault())
            .ThenBy(p => p.Id)
            .Skip(offset)
            .Take(limit)
            .Include(p => p.Names)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var statuses = await CustodyQueries.StatusesOnAsync(db, people.Select(p => p.Id).ToList(), day, cancellationToken);
        return new Page<PersonSummary>(
            people
                .Select(p => new PersonSummary(
                    p.Id,
                    p.NameFor(Habeas.Platform.Localization.Texts.CurrentLanguage),
                    Names(p),
                    statuses[p.Id]
                ))
                .ToList(),
            total
        );
    }

    /// <summary>A person's names in their order.</summary>
    public static IReadOnlyList<NameDto> Names(Person person) =>
        person.Names.OrderBy(n => n.SortOrder).Select(n => new NameDto(n.Text, n.Script, n.Kind)).ToList();
}
