using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Search;

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

    /// <summary>People found by name are listed from this score up (below it a match is mostly coincidence).</summary>
    public const int MinimumScore = 60;

    /// <summary>
    /// The people a name box finds, best first: the search page's people (/search) and the people list's name filter
    /// (/people?q=, the home page's box) both ask this, so one finds every spelling the other does.
    /// </summary>
    public static async Task<IReadOnlyList<Hit>> ByNameAsync(
        HabeasDb db,
        PeopleNameIndex index,
        string query,
        CancellationToken cancellationToken
    ) => (await SearchAsync(db, index, query, 200, cancellationToken)).Where(h => h.Score >= MinimumScore).ToList();

    public static async Task<IReadOnlyList<Hit>> SearchAsync(
        HabeasDb db,
        PeopleNameIndex index,
        string query,
        int limit,
        CancellationToken cancellationToken
    )
    {
        await index.SyncAsync(db, cancellationToken);
        // Ask for more than needed: some of the best may be records this reader may not see.
        var matches = index.Index.Search(query, Math.Min(1000, limit * 2 + 10));
        if (matches.Count == 0)
        {
            return [];
        }
        var ids = matches.Select(m => m.PersonId).ToList();
        var visible = (await db.People.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken)).ToHashSet();
        var shown = matches.Where(m => visible.Contains(m.PersonId)).Take(limit).ToList();
        var shownIds = shown.Select(m => m.PersonId).ToList();
        var names = (
            await db
                .PersonNames.AsNoTracking()
                .Where(n => shownIds.Contains(n.PersonId))
                .Select(n => new
                {
                    n.PersonId,
                    n.Id,
                    n.Text,
                    n.Kind,
                    n.SortOrder,
                })
                .ToListAsync(cancellationToken)
        ).ToLookup(n => n.PersonId);
        return shown
            .Select(m =>
            {
                var held = names[m.PersonId].OrderBy(n => n.Kind == People.NameKinds.Primary ? 0 : 1).ThenBy(n => n.SortOrder).ToList();
                var name = held.FirstOrDefault(n => n.Id == m.NameId);
                var display = held.FirstOrDefault()?.Text ?? "";
                return new Hit(m.PersonId, display, m.Score, name?.Text ?? display, name?.Kind ?? People.NameKinds.Primary, m.Reason);
            })
            .ToList();
    }

    /// <summary>People the reader may see whose names match one of these names in every word (any spelling or
    /// script, from the duplicate threshold up): shown before a new person is saved. Only the first
    /// <see cref="Habeas.Platform.Api.InputLimits.DuplicateLookupNames"/> distinct names are looked up (pass the primary name first), so
    /// the
    /// work is bounded whatever the input holds.</summary>
    public static async Task<IReadOnlyList<Hit>> PossibleDuplicatesAsync(
        HabeasDb db,
        PeopleNameIndex index,
        IEnumerable<string?> names,
        CancellationToken cancellationToken
    )
    {
        var hits = new List<Hit>();
        foreach (
            var text in names
                .Where(t => !string.IsNullOrWhiteSpace(t))
                .Distinct()
                .Take(Habeas.Platform.Api.InputLimits.DuplicateLookupNames)
        )
        {
            hits.AddRange(
                (await SearchAsync(db, index, text!, 5, cancellationToken)).Where(h =>
                    h.Score >= Duplicates.DuplicateFinder.Threshold && h.Reason != "partial"
                )
            );
        }
        return hits.GroupBy(h => h.Id).Select(g => g.MaxBy(h => h.Score)!).OrderByDescending(h => h.Score).Take(5).ToList();
    }
}
