using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Search;

/// <summary>Finds people by any spelling of their names (<see cref="PeopleNameIndex"/>), best first, among the
/// people the reader may see: the index proposes, the database's query filters decide.</summary>
public static class PeopleSearch
{
    /// <param name="Id">The person.</param>
    /// <param name="DisplayName">Their primary name.</param>
    /// <param name="Score">0–100 (100: every word spelled as recorded).</param>
    /// <param name="MatchedName">The name that matched best, as recorded ("Sok Yeun").</param>
    /// <param name="MatchedKind">Its kind (primary, alias, romanization …).</param>
    /// <param name="Reason">exact, spelling (another spelling or script), typo or partial.</param>
    public sealed record Hit(Guid Id, string DisplayName, int Score, string MatchedName, string MatchedKind, string Reason);

    public static async Task<IReadOnlyList<Hit>> SearchAsync(HabeasDb db, PeopleNameIndex index, string query, int limit, CancellationToken cancellationToken)
    {
        await index.SyncAsync(db, cancellationToken);
        // Ask for more than needed: some of the best may be records this reader may not see.
        var matches = index.Index.Search(query, Math.Min(1000, limit * 3 + 20));
        if (matches.Count == 0)
        {
            return [];
        }
        var ids = matches.Select(m => m.PersonId).ToList();
        var visible = await db.People.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Include(p => p.Names)
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return matches
            .Where(m => visible.ContainsKey(m.PersonId))
            .Take(limit)
            .Select(m =>
            {
                var person = visible[m.PersonId];
                var name = person.Names.FirstOrDefault(n => n.Id == m.NameId);
                return new Hit(person.Id, person.DisplayName, m.Score, name?.Text ?? person.DisplayName, name?.Kind ?? People.NameKinds.Primary, m.Reason);
            })
            .ToList();
    }

    /// <summary>People the reader may see whose names match one of these names in every word (any spelling or
    /// script, from the duplicate threshold up): shown before a new person is saved.</summary>
    public static async Task<IReadOnlyList<Hit>> PossibleDuplicatesAsync(HabeasDb db, PeopleNameIndex index, IEnumerable<string?> names, CancellationToken cancellationToken)
    {
        var hits = new List<Hit>();
        foreach (var text in names.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
        {
            hits.AddRange((await SearchAsync(db, index, text!, 5, cancellationToken))
                .Where(h => h.Score >= Duplicates.DuplicateFinder.Threshold && h.Reason != "partial"));
        }
        return hits.GroupBy(h => h.Id).Select(g => g.MaxBy(h => h.Score)!).OrderByDescending(h => h.Score).Take(5).ToList();
    }
}
