using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Public;

/// <summary>
/// The choices of the published list's filters that come from the records: the places of public events and the legal
/// provisions charged in public cases, read as an anonymous visitor. Kept for a minute: /public asks for them on every
/// visit. Places and provisions are not confidential records; a choice may outlive its last published record by that
/// minute and then finds nobody. Filled by one request at a time: when the minute is up, one visitor reads them again
/// while the others are given the previous choices (and before the first fill, the others wait for it), so a crowd
/// arriving as they expire does not read them fifty times at once.
/// </summary>
public sealed class PublicChoices(IServiceScopeFactory scopes, TimeProvider time) : IDisposable
{
    public sealed record Choice(Guid Id, LocalizedText Label);

    public sealed record All(IReadOnlyList<Choice> Places, IReadOnlyList<Choice> Provisions);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _filling = new(1, 1);
    private volatile Tuple<All, DateTimeOffset>? _cached;
    private int _fills;

    /// <summary>How many times the choices were read from the database (one per fill, however many asked).</summary>
    internal int Fills => _fills;

    /// <summary>Forgets the choices and the count of fills, as at start (the tests reuse one host).</summary>
    internal void Forget()
    {
        _cached = null;
        Interlocked.Exchange(ref _fills, 0);
    }

    public async Task<All> GetAsync(CancellationToken cancellationToken)
    {
        var cached = _cached;
        if (cached is not null && time.GetUtcNow() - cached.Item2 < Lifetime)
        {
            return cached.Item1;
        }
        if (cached is not null)
        {
            // Out of date: one visitor refills, the others meanwhile see the previous choices.
            if (!await _filling.WaitAsync(0, cancellationToken))
            {
                return cached.Item1;
            }
        }
        else
        {
            await _filling.WaitAsync(cancellationToken);
        }
        try
        {
            if (_cached is { } filled && filled != cached && time.GetUtcNow() - filled.Item2 < Lifetime)
            {
                return filled.Item1;
            }
            using var scope = scopes.CreateScope();
            var all = await ReadAsync(scope.ServiceProvider.GetRequiredService<HabeasDb>(), cancellationToken);
            _cached = Tuple.Create(all, time.GetUtcNow());
            Interlocked.Increment(ref _fills);
            return all;
        }
        finally
        {
            _filling.Release();
        }
    }

    /// <summary>
    /// The choices, read afresh as the anonymous viewer: each place and each provision asked whether a public record uses
    /// it (an index seek per place, on events (place_id), and per provision, on charges (provision_id)) rather than every
    /// public event and charge read to find their places and provisions.
    /// </summary>
    public static async Task<All> ReadAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        var places = await db
            .Places.AsNoTracking()
            .Include(p => p.Parent)
            .Where(p => db.Set<Event>().Any(e => e.PlaceId == p.Id && e.People.Any()))
            .ToListAsync(cancellationToken);
        var provisions = await db
            .LegalProvisions.AsNoTracking()
            .Where(p => db.Set<Charge>().Any(c => c.ProvisionId == p.Id))
            .ToListAsync(cancellationToken);
        return new All(
            places
                .Select(p => new Choice(
                    p.Id,
                    Labels(p.Names, l => p.Parent is null ? null : p.Parent.Names.GetValueOrDefault(l) ?? p.Parent.Name)
                ))
                .OrderBy(c => c.Label.Best(), StringComparer.Ordinal)
                .ToList(),
            provisions.Select(p => new Choice(p.Id, ProvisionLabel(p))).OrderBy(c => c.Label.Best(), StringComparer.Ordinal).ToList()
        );
    }

    public void Dispose() => _filling.Dispose();

    /// <summary>Forgets the choices (tests publish and look at once).</summary>
    public void Invalidate() => _cached = null;

    private static LocalizedText Labels(LocalizedText names, Func<string, string?> parent)
    {
        var labels = new LocalizedText();
        foreach (var language in Habeas.Platform.Localization.Texts.Languages)
        {
            var name = names.GetValueOrDefault(language) ?? names.Best();
            labels[language] = parent(language) is { } p ? $"{name}, {p}" : name;
        }
        return labels;
    }

    public static LocalizedText ProvisionLabel(Habeas.Records.Cases.LegalProvision provision)
    {
        var labels = new LocalizedText();
        foreach (var language in Habeas.Platform.Localization.Texts.Languages)
        {
            var title = provision.Title.GetValueOrDefault(language) ?? (provision.Title.Count > 0 ? provision.Title.Best() : null);
            labels[language] = title is null ? provision.Label : $"{provision.Label}: {title}";
        }
        return labels;
    }
}
