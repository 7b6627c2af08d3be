using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Duplicates;

/// <summary>
/// Likely duplicate people: pairs whose names match strongly in the name index (another spelling or script of the
/// same name, or the same name), with the reasons a person can check (the two names and how they matched, the
/// birth dates). Pairs dismissed as different people are left out.
/// The pairs over all records are worked out in the background (<see cref="DuplicatePairsJob"/>), never by a request:
/// once in full (one name search per distinct name), then, after each change, again for the people changed (their
/// first <see cref="NamesSearchedPerPerson"/> names). Each run stops after a time budget and the next run goes on
/// from there; a request only reads the last result, and each reader gets only the pairs of two records they may see
/// (filtered when read, by the reader's own query filters).
/// </summary>
public sealed class DuplicateFinder(PeopleNameIndex index) : IDisposable
{
    /// <summary>A pair is proposed from this name score up (another spelling of every word scores about 80–95).</summary>
    public const int Threshold = 80;

    /// <summary>How many of one person's names are searched when their pairs are worked out again.</summary>
    public const int NamesSearchedPerPerson = 50;

    public sealed record Side(Guid Id, string DisplayName, string MatchedName, string? BirthDate);

    /// <summary>A likely pair; Reasons are in English, for the API (the page words them in the reader's language).</summary>
    public sealed record Pair(Side A, Side B, int Score, IReadOnlyList<string> Reasons);

    private sealed record Found(Guid A, Guid B, int Score, Guid NameA, Guid NameB);

    /// <summary>A full computation under way: the distinct names with their holders, and how far it has gone.</summary>
    private sealed class FullRun(long applied, List<(string Text, (Guid NameId, Guid PersonId)[] Holders)> names)
    {
        public long Applied { get; } = applied;
        public List<(string Text, (Guid NameId, Guid PersonId)[] Holders)> Names { get; } = names;
        public int Next { get; set; }
        public Dictionary<(Guid, Guid), (int Score, Guid NameA, Guid NameB)> Best { get; } = [];
    }

    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private IReadOnlyList<Found> _published = [];
    private bool _current;

    // The working state, touched only by the one refresh that holds _running.
    private Dictionary<(Guid, Guid), (int Score, Guid NameA, Guid NameB)> _best = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _partners = [];
    private readonly HashSet<Guid> _pending = [];
    private FullRun? _full;
    private long _applied = -1;

    public void Dispose()
    {
        _running.Dispose();
        _wake.Dispose();
    }

    /// <summary>Forgets every pair and the name index, as at start (the tests reuse one host over a database they
    /// empty); waits for a refresh under way, so none publishes pairs of the emptied records afterwards.</summary>
    internal async Task ForgetAsync()
    {
        await _running.WaitAsync();
        try
        {
            await index.ForgetAsync();
            _best = [];
            _partners.Clear();
            _pending.Clear();
            _full = null;
            _applied = -1;
            lock (_gate)
            {
                _published = [];
                _current = false;
            }
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>True when the last result covers every change the name index has seen.</summary>
    public bool IsCurrent
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Asks the background job to look for changes now rather than at its next round.</summary>
    public void Nudge()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    /// <summary>Waits for a nudge or for <paramref name="timeout"/>.</summary>
    public Task WaitForNudgeAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// Brings the pairs up to date with the name index, for at most <paramref name="budget"/> (checked between name
    /// searches); true when they are current, false when work is left for the next run. <paramref name="db"/> must see
    /// every record (<see cref="Habeas.Platform.Access.Viewer.System"/>). Tests call it with an unlimited budget to wait for the result.
    /// </summary>
    public async Task<bool> RefreshAsync(HabeasDb db, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await _running.WaitAsync(cancellationToken);
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            // Each run does at least one step, so a budget shorter than the index sync still moves on.
            var steps = 0;
            bool OverBudget() => steps++ > 0 && budget != Timeout.InfiniteTimeSpan && watch.Elapsed > budget;
            await index.SyncAsync(db, cancellationToken);
            var target = index.Applied;
            if (_applied < 0 && _full is null)
            {
                var names = await db
                    .PersonNames.AsNoTracking()
                    .Where(n =>
                        db.Set<Person>()
                            .IgnoreQueryFilters()
                            .Any(p => p.Id == n.PersonId && p.MergedIntoId == null && p.RetractedAt == null)
                    )
                    .Select(n => new
                    {
                        n.Id,
                        n.PersonId,
                        n.Text,
                    })
                    .ToListAsync(cancellationToken);
                _full = new FullRun(
                    target,
                    names
                        .GroupBy(n => n.Text, StringComparer.Ordinal)
                        .Select(g => (g.Key, g.Select(n => (n.Id, n.PersonId)).ToArray()))
                        .ToList()
                );
            }
            if (_full is { } full)
            {
                while (full.Next < full.Names.Count)
                {
                    if (OverBudget())
                    {
                        return false;
                    }
                    var (text, holders) = full.Names[full.Next++];
                    foreach (var match in Matches(text))
                    {
                        foreach (var (nameId, personId) in holders.Where(h => h.PersonId != match.PersonId))
                        {
                            Keep(full.Best, personId, nameId, match);
                        }
                    }
                }
                _best = full.Best;
                _partners.Clear();
                foreach (var (a, b) in _best.Keys)
                {
                    Partners(a).Add(b);
                    Partners(b).Add(a);
                }
                _pending.Clear();
                _applied = full.Applied;
                _full = null;
                Publish(current: false);
            }
            if (target > _applied)
            {
                var from = _applied;
                var changed = await db
                    .AuditEntries.AsNoTracking()
                    .Where(a => a.Sequence > from && a.Sequence <= target && a.RecordType == "person")
                    .Select(a => a.RecordId)
                    .Distinct()
                    .ToListAsync(cancellationToken);
                _pending.UnionWith(changed);
                _applied = target;
            }
            while (_pending.Count > 0)
            {
                var chunk = _pending.Take(200).ToList();
                var names = (
                    await db
                        .PersonNames.AsNoTracking()
                        .Where(n =>
                            chunk.Contains(n.PersonId)
                            && db.Set<Person>()
                                .IgnoreQueryFilters()
                                .Any(p => p.Id == n.PersonId && p.MergedIntoId == null && p.RetractedAt == null)
                        )
                        .Select(n => new
                        {
                            n.Id,
                            n.PersonId,
                            n.Text,
                            n.SortOrder,
                        })
                        .ToListAsync(cancellationToken)
                ).ToLookup(n => n.PersonId);
                foreach (var personId in chunk)
                {
                    if (OverBudget())
                    {
                        Publish(current: false);
                        return false;
                    }
                    Forget(personId);
                    foreach (var name in names[personId].OrderBy(n => n.SortOrder).Take(NamesSearchedPerPerson))
                    {
                        foreach (var match in Matches(name.Text).Where(m => m.PersonId != personId))
                        {
                            Keep(_best, personId, name.Id, match);
                            Partners(personId).Add(match.PersonId);
                            Partners(match.PersonId).Add(personId);
                        }
                    }
                    _pending.Remove(personId);
                }
            }
            Publish(current: index.Applied == _applied);
            return true;
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Runs <see cref="RefreshAsync"/> to the end, as the system, in a scope of its own (tests, and the first
    /// run of a command that needs the pairs).</summary>
    public async Task RefreshNowAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        while (!await RefreshAsync(db, Timeout.InfiniteTimeSpan, cancellationToken)) { }
    }

    private IEnumerable<Core.Names.NameMatch> Matches(string text) =>
        index.Index.Search(text, 20).Where(m => m.Score >= Threshold && m.Reason != "partial");

    private static void Keep(
        Dictionary<(Guid, Guid), (int Score, Guid NameA, Guid NameB)> best,
        Guid personId,
        Guid nameId,
        Core.Names.NameMatch match
    )
    {
        var key = Ordered(personId, match.PersonId);
        var (nameA, nameB) = key.Item1 == personId ? (nameId, match.NameId) : (match.NameId, nameId);
        if (!best.TryGetValue(key, out var held) || held.Score < match.Score)
        {
            best[key] = (match.Score, nameA, nameB);
        }
    }

    private HashSet<Guid> Partners(Guid personId)
    {
        if (!_partners.TryGetValue(personId, out var set))
        {
            _partners[personId] = set = [];
        }
        return set;
    }

    /// <summary>Drops every pair of a person whose names changed (or who was merged or deleted).</summary>
    private void Forget(Guid personId)
    {
        if (_partners.Remove(personId, out var others))
        {
            foreach (var other in others)
            {
                _best.Remove(Ordered(personId, other));
                if (_partners.TryGetValue(other, out var theirs))
                {
                    theirs.Remove(personId);
                }
            }
        }
    }

    private void Publish(bool current)
    {
        var pairs = _best
            .OrderByDescending(p => p.Value.Score)
            .ThenBy(p => p.Key.Item1)
            .ThenBy(p => p.Key.Item2)
            .Select(p => new Found(p.Key.Item1, p.Key.Item2, p.Value.Score, p.Value.NameA, p.Value.NameB))
            .ToList();
        lock (_gate)
        {
            _published = pairs;
            _current = current;
        }
    }

    /// <summary>The last pairs worked out, the reader's own (both people visible to them, not dismissed), best first.</summary>
    public async Task<IReadOnlyList<Pair>> FindAsync(HabeasDb db, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<Found> all;
        lock (_gate)
        {
            all = _published;
        }
        Nudge();
        var dismissed = (
            await db.DuplicateDismissals.AsNoTracking().Select(d => new { d.PersonA, d.PersonB }).ToListAsync(cancellationToken)
        )
            .Select(d => (d.PersonA, d.PersonB))
            .ToHashSet();
        var pairs = new List<Pair>();
        // Read in chunks, best first, and stop at the limit: the work follows what is shown, not how many pairs exist.
        foreach (var chunk in all.Chunk(Math.Max(50, limit * 2)))
        {
            var ids = chunk.SelectMany(p => new[] { p.A, p.B }).Distinct().ToList();
            var visible = await db
                .People.AsNoTracking()
                .Where(p => ids.Contains(p.Id))
                .Include(p => p.Names)
                .ToDictionaryAsync(p => p.Id, cancellationToken);
            foreach (var (a, b, score, nameA, nameB) in chunk)
            {
                if (
                    !visible.TryGetValue(a, out var personA)
                    || !visible.TryGetValue(b, out var personB)
                    || dismissed.Contains(Ordered(a, b))
                )
                {
                    continue;
                }
                var textA = personA.Names.FirstOrDefault(n => n.Id == nameA)?.Text ?? personA.DisplayName;
                var textB = personB.Names.FirstOrDefault(n => n.Id == nameB)?.Text ?? personB.DisplayName;
                var reasons = new List<string>
                {
                    textA == textB ? $"the same name: “{textA}”" : $"“{textA}” and “{textB}” are spellings of one name ({score})",
                };
                if (personA.BirthDate is { } birthA && personB.BirthDate is { } birthB)
                {
                    reasons.Add(birthA.ToString() == birthB.ToString() ? $"both born {birthA}" : $"born {birthA} and {birthB}");
                }
                pairs.Add(
                    new Pair(
                        new Side(a, personA.DisplayName, textA, personA.BirthDate?.ToString()),
                        new Side(b, personB.DisplayName, textB, personB.BirthDate?.ToString()),
                        score,
                        reasons
                    )
                );
                if (pairs.Count >= limit)
                {
                    return pairs;
                }
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
            db.DuplicateDismissals.Add(
                new DuplicateDismissal
                {
                    PersonA = a,
                    PersonB = b,
                    DismissedAt = time.GetUtcNow(),
                    DismissedBy = db.Actor,
                }
            );
            db.LogAction("not-duplicates", "person", a, details: new Dictionary<string, string?> { ["other"] = b.ToString() });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public static (Guid, Guid) Ordered(Guid a, Guid b) => string.CompareOrdinal(a.ToString(), b.ToString()) <= 0 ? (a, b) : (b, a);
}
