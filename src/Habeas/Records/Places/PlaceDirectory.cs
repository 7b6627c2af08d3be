using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Places;

/// <summary>
/// Every place's id, parent, kind and names, read in one query: what the name search, the parent chains and the
/// children of a place are worked out from. A gazetteer holds thousands of places (Cambodia: 25 provinces, about 200
/// districts, 1,650 communes), not millions; names are JSON objects, so the search matches them here, in memory, in
/// any script and ignoring case, and sends at most <see cref="PageSize"/> (docs/records.md, "Places and organisations").
/// </summary>
public sealed class PlaceDirectory
{
    /// <summary>The most places a list, a search or a picker sends at once.</summary>
    public const int PageSize = 50;

    public sealed record Entry(Guid Id, Guid? ParentId, string Kind, LocalizedText Names)
    {
        public string Name => Names.Best();
    }

    private readonly Dictionary<Guid, Entry> _byId;

    private PlaceDirectory(IEnumerable<Entry> entries) => _byId = entries.ToDictionary(e => e.Id);

    public static async Task<PlaceDirectory> LoadAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entries = await db
            .Places.AsNoTracking()
            .Select(p => new Entry(p.Id, p.ParentId, p.Kind, p.Names))
            .ToListAsync(cancellationToken);
        return new PlaceDirectory(entries);
    }

    public Entry? Find(Guid? id) => id is { } key ? _byId.GetValueOrDefault(key) : null;

    /// <summary>The places whose names hold <paramref name="q"/> (all when it is blank), in name order.</summary>
    public IReadOnlyList<Entry> Search(string? q) =>
        _byId
            .Values.Where(e => GazetteerInput.Matches(e.Names, q))
            .OrderBy(e => e.Name, StringComparer.CurrentCulture)
            .ThenBy(e => e.Id)
            .ToList();

    /// <summary>The places above this one, nearest first (a district: its province, then its country).</summary>
    public IReadOnlyList<Entry> Ancestors(Guid id)
    {
        var chain = new List<Entry>();
        var current = Find(id)?.ParentId;
        while (Find(current) is { } parent && chain.Count <= PlaceInput.MaxDepth && parent.Id != id)
        {
            chain.Add(parent);
            current = parent.ParentId;
        }
        return chain;
    }

    /// <summary>"Pea Reang, Prey Veng, Cambodia": the place and the places above it.</summary>
    public string FullName(Guid id) =>
        string.Join(", ", (Find(id) is { } place ? [place] : Array.Empty<Entry>()).Concat(Ancestors(id)).Select(e => e.Name));

    /// <summary>"Prey Veng, Cambodia": the places above this one; empty for a country.</summary>
    public string ParentChain(Guid id) => string.Join(", ", Ancestors(id).Select(e => e.Name));

    /// <summary>The places directly inside this one, in name order.</summary>
    public IReadOnlyList<Entry> Children(Guid id) =>
        _byId.Values.Where(e => e.ParentId == id).OrderBy(e => e.Name, StringComparer.CurrentCulture).ThenBy(e => e.Id).ToList();
}
