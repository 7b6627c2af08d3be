using Habeas.Search;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Duplicates;

/// <summary>
/// Likely duplicate people: pairs whose names match strongly in the name index (another spelling or script of the
/// same name, or the same name), with the reasons a person can check (the two names and how they matched, the
/// birth dates). Pairs dismissed as different people are left out. The pairs over all records are computed once per
/// change of the index (one name search per distinct name) and kept; each reader gets only the pairs of two records
/// they may see.
/// </summary>
public sealed class DuplicateFinder(PeopleNameIndex index)
{
    /// <summary>A pair is proposed from this name score up (another spelling of every word scores about 80–95).</summary>
    public const int Threshold = 80;

    public sealed record Side(Guid Id, string DisplayName, string MatchedName, string? BirthDate);

    /// <summary>A likely pair; Reasons are in English, for the API (the page words them in the reader's language).</summary>
    public sealed record Pair(Side A, Side B, int Score, IReadOnlyList<string> Reasons);

    private readonly Lock _gate = new();
    private (long Applied, IReadOnlyList<(Guid A, Guid B, int Score, Guid NameA, Guid NameB)> Pairs)? _cache;

    public async Task<IReadOnlyList<Pair>> FindAsync(HabeasDb db, int limit, CancellationToken cancellationToken)
    {
        await index.SyncAsync(db, cancellationToken);
        var all = await AllPairsAsync(db, cancellationToken);
        var ids = all.SelectMany(p => new[] { p.A, p.B }).Distinct().ToList();
        var visible = new Dictionary<Guid, People.Person>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var person in await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id)).Include(p => p.Names).ToListAsync(cancellationToken))
            {
                visible[person.Id] = person;
            }
        }
        var dismissed = (await db.DuplicateDismissals.AsNoTracking().Select(d => new { d.PersonA, d.PersonB }).ToListAsync(cancellationToken))
            .Select(d => (d.PersonA, d.PersonB)).ToHashSet();
        var pairs = new List<Pair>();
        foreach (var (a, b, score, nameA, nameB) in all)
        {
            if (!visible.TryGetValue(a, out var personA) || !visible.TryGetValue(b, out var personB) || dismissed.Contains(Ordered(a, b)))
            {
                continue;
            }
            var textA = personA.Names.FirstOrDefault(n => n.Id == nameA)?.Text ?? personA.DisplayName;
            var textB = personB.Names.FirstOrDefault(n => n.Id == nameB)?.Text ?? personB.DisplayName;
            var reasons = new List<string> { textA == textB ? $"the same name: “{textA}”" : $"“{textA}” and “{textB}” are spellings of one name ({score})" };
            if (personA.BirthDate is { } birthA && personB.BirthDate is { } birthB)
            {
                reasons.Add(birthA.ToString() == birthB.ToString() ? $"both born {birthA}" : $"born {birthA} and {birthB}");
            }
            pairs.Add(new Pair(new Side(a, personA.DisplayName, textA, personA.BirthDate?.ToString()), new Side(b, personB.DisplayName, textB, personB.BirthDate?.ToString()), score, reasons));
            if (pairs.Count >= limit)
            {
                break;
            }
        }
        return pairs;
    }

    /// <summary>Records that two people are not the same person (audited); the pair is no longer proposed.</summary>
    public static async Task DismissAsync(HabeasDb db, Guid first, Guid second, TimeProvider time, CancellationToken cancellationToken)
    {
        var (a, b) = Ordered(first, second);
        if (await db.DuplicateDismissals.FindAsync([a, b], cancellationToken) is null)
        {
            db.DuplicateDismissals.Add(new DuplicateDismissal { PersonA = a, PersonB = b, DismissedAt = time.GetUtcNow(), DismissedBy = db.Actor });
            db.LogAction("not-duplicates", "person", a, details: new Dictionary<string, string?> { ["other"] = b.ToString() });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static (Guid, Guid) Ordered(Guid a, Guid b) => string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);

    private async Task<IReadOnlyList<(Guid A, Guid B, int Score, Guid NameA, Guid NameB)>> AllPairsAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var applied = index.Applied;
        lock (_gate)
        {
            if (_cache is { } cached && cached.Applied == applied)
            {
                return cached.Pairs;
            }
        }
        var names = await db.PersonNames.AsNoTracking()
            .Where(n => db.People.IgnoreQueryFilters().Any(p => p.Id == n.PersonId && p.MergedIntoId == null))
            .Select(n => new { n.Id, n.PersonId, n.Text })
            .ToListAsync(cancellationToken);
        var best = new Dictionary<(Guid, Guid), (int Score, Guid NameA, Guid NameB)>();
        foreach (var group in names.GroupBy(n => n.Text, StringComparer.Ordinal))
        {
            var holders = group.ToList();
            foreach (var match in index.Index.Search(group.Key, 20).Where(m => m.Score >= Threshold && m.Reason != "partial"))
            {
                foreach (var holder in holders.Where(h => h.PersonId != match.PersonId))
                {
                    var key = Ordered(holder.PersonId, match.PersonId);
                    var (nameA, nameB) = key.Item1 == holder.PersonId ? (holder.Id, match.NameId) : (match.NameId, holder.Id);
                    if (!best.TryGetValue(key, out var held) || held.Score < match.Score)
                    {
                        best[key] = (match.Score, nameA, nameB);
                    }
                }
            }
        }
        var pairs = best.OrderByDescending(p => p.Value.Score).ThenBy(p => p.Key.Item1)
            .Select(p => (p.Key.Item1, p.Key.Item2, p.Value.Score, p.Value.NameA, p.Value.NameB)).ToList();
        lock (_gate)
        {
            _cache = (applied, pairs);
        }
        return pairs;
    }
}
