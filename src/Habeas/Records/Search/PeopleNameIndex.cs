using System.Diagnostics;
using Habeas.Core.Names;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Search;

/// <summary>
/// The server's name index (Core/Names/NameIndex) over every person's names, built from the database when first
/// needed and kept current from the audit log: each search first applies the people changed since (the audit
/// sequence is gap-free and in commit order), so a person added or edited, by this server or another one on the
/// same PostgreSQL, is findable by the next search. Holds every person; what a reader may see is decided by the
/// database afterwards (<see cref="PeopleSearch"/>).
/// </summary>
public sealed class PeopleNameIndex : IDisposable
{
    private const int Batch = 20_000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _applied = -1;

    public NameIndex Index { get; private set; } = new();

    /// <summary>The audit sequence the index is current to (−1 before it is built).</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>How long the last full build took, and when it finished.</summary>
    public TimeSpan BuildTime { get; private set; }

    public void Dispose()
    {
        _gate.Dispose();
        Index.Dispose();
    }

    /// <summary>Empties the index as at start, so the next search builds it again: the tests reuse one host over a
    /// database they empty between tests, whose audit sequence starts again from 1.</summary>
    internal async Task ForgetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            // A new index rather than a disposed one: a search that read the property a moment ago may still use it.
            Index = new NameIndex();
            _applied = -1;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Builds the index on first use, then applies what changed since the last call.</summary>
    public async Task SyncAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_applied < 0)
            {
                await BuildAsync(db, cancellationToken);
                return;
            }
            var changes = await db
                .AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > _applied)
                .Select(a => new
                {
                    a.Sequence,
                    a.RecordType,
                    a.RecordId,
                })
                .ToListAsync(cancellationToken);
            if (changes.Count == 0)
            {
                return;
            }
            var people = changes.Where(c => c.RecordType == "person").Select(c => c.RecordId).Distinct().ToList();
            if (people.Count > 0)
            {
                await ApplyAsync(db, people, cancellationToken);
            }
            _applied = changes.Max(c => c.Sequence);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task BuildAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        // Everything after this sequence is applied by the next sync, so nothing saved during the build is missed.
        var applied = await db.AuditEntries.MaxAsync(a => (long?)a.Sequence, cancellationToken) ?? 0;
        var versions = await db
            .People.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(p => p.MergedIntoId == null && p.RetractedAt == null)
            .Select(p => new { p.Id, p.Version })
            .ToDictionaryAsync(p => p.Id, p => p.Version, cancellationToken);
        var batch = new List<IndexedPerson>(Batch);
        Guid? current = null;
        var names = new List<(Guid, string)>();
        await foreach (
            var name in db
                .PersonNames.AsNoTracking()
                .OrderBy(n => n.PersonId)
                .Select(n => new
                {
                    n.PersonId,
                    n.Id,
                    n.Text,
                })
                .AsAsyncEnumerable()
                .WithCancellation(cancellationToken)
        )
        {
            if (name.PersonId != current)
            {
                Flush();
                current = name.PersonId;
            }
            names.Add((name.Id, name.Text));
        }
        Flush();
        if (batch.Count > 0)
        {
            Index.Upsert(batch);
        }
        _applied = applied;
        BuildTime = watch.Elapsed;

        void Flush()
        {
            if (current is { } id && versions.TryGetValue(id, out var version))
            {
                batch.Add(new IndexedPerson(id, version, names.ToList()));
                if (batch.Count >= Batch)
                {
                    Index.Upsert(batch);
                    batch.Clear();
                }
            }
            names.Clear();
        }
    }

    private async Task ApplyAsync(HabeasDb db, List<Guid> ids, CancellationToken cancellationToken)
    {
        var people = await db
            .People.IgnoreQueryFilters()
            .AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.Version,
                Standing = p.MergedIntoId == null && p.RetractedAt == null,
                Names = p.Names.Select(n => new { n.Id, n.Text }).ToList(),
            })
            .ToListAsync(cancellationToken);
        foreach (var id in ids.Except(people.Where(p => p.Standing).Select(p => p.Id)))
        {
            Index.Remove(id); // deleted, merged into another record or retracted
        }
        Index.Upsert(
            people
                .Where(p => p.Standing)
                .Select(p => new IndexedPerson(p.Id, p.Version, p.Names.Select(n => (n.Id, n.Text)).ToList()))
                .ToList()
        );
    }
}

/// <summary>Builds the name index in the background once the server has started, so the first search does not wait for it.</summary>
public sealed class NameIndexWarmUp(IServiceScopeFactory scopes, PeopleNameIndex index, ILogger<NameIndexWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Habeas.Platform.Access.Viewer.System;
            await index.SyncAsync(db, stoppingToken);
            logger.LogInformation(
                "Name index: {People} people, {Names} names, built in {Seconds:0.0} s.",
                index.Index.People,
                index.Index.Names,
                index.BuildTime.TotalSeconds
            );
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
#pragma warning disable CA1031 // A failed warm-up is retried by the first search; it must not stop the server.
        catch (Exception e)
        {
            logger.LogWarning(e, "The name index could not be built in advance; the first search will build it.");
        }
#pragma warning restore CA1031
    }
}
