using Habeas.Shared;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Public;

/// <summary>
/// The choices of the published list's filters that come from the records: the places of public events and the legal
/// provisions charged in public cases, read as an anonymous visitor. Kept for a minute (finding them reads every public
/// event and charge; at a million people that is not done per visit). Places and provisions are not confidential
/// records; a choice may outlive its last published record by that minute and then finds nobody.
/// </summary>
public sealed class PublicChoices(IServiceScopeFactory scopes, TimeProvider time)
{
    public sealed record Choice(Guid Id, LocalizedText Label);

    public sealed record All(IReadOnlyList<Choice> Places, IReadOnlyList<Choice> Provisions);

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Two visitors arriving together may both read the choices; the later copy wins, and both are right.
    private volatile Tuple<All, DateTimeOffset>? _cached;

    public async Task<All> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { } cached && time.GetUtcNow() - cached.Item2 < Lifetime)
        {
            return cached.Item1;
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Access.Viewer.Anonymous;
        var placeIds = await db.Events.Where(e => e.PlaceId != null && e.People.Any()).Select(e => e.PlaceId!.Value).Distinct().ToListAsync(cancellationToken);
        var places = await db.Places.AsNoTracking().Include(p => p.Parent).Where(p => placeIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var provisionIds = await db.Charges.Where(c => c.ProvisionId != null).Select(c => c.ProvisionId!.Value).Distinct().ToListAsync(cancellationToken);
        var provisions = await db.LegalProvisions.AsNoTracking().Where(p => provisionIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var all = new All(
            places.Select(p => new Choice(p.Id, Labels(p.Names, l => p.Parent is null ? null : p.Parent.Names.GetValueOrDefault(l) ?? p.Parent.Name)))
                .OrderBy(c => c.Label.Best(), StringComparer.Ordinal).ToList(),
            provisions.Select(p => new Choice(p.Id, ProvisionLabel(p))).OrderBy(c => c.Label.Best(), StringComparer.Ordinal).ToList());
        _cached = Tuple.Create(all, time.GetUtcNow());
        return all;
    }

    /// <summary>Forgets the choices (tests publish and look at once).</summary>
    public void Invalidate() => _cached = null;

    private static LocalizedText Labels(LocalizedText names, Func<string, string?> parent)
    {
        var labels = new LocalizedText();
        foreach (var language in Localization.Texts.Languages)
        {
            var name = names.GetValueOrDefault(language) ?? names.Best();
            labels[language] = parent(language) is { } p ? $"{name}, {p}" : name;
        }
        return labels;
    }

    public static LocalizedText ProvisionLabel(Cases.LegalProvision provision)
    {
        var labels = new LocalizedText();
        foreach (var language in Localization.Texts.Languages)
        {
            var title = provision.Title.GetValueOrDefault(language) ?? (provision.Title.Count > 0 ? provision.Title.Best() : null);
            labels[language] = title is null ? provision.Label : $"{provision.Label}: {title}";
        }
        return labels;
    }
}
