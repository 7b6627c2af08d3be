using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.History;

/// <summary>Every saved version of one record, newest first, with what changed from the version before.</summary>
public sealed partial class IndexModel(HabeasDb db) : PageModel
{
    public sealed record Change(string Field, string? Before, string? After);

    public sealed record Entry(RecordVersion Version, IReadOnlyList<Change> Changes);

    public string RecordType { get; private set; } = "";
    public Guid RecordId { get; private set; }
    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string type, Guid id, CancellationToken cancellationToken)
    {
        RecordType = type;
        RecordId = id;
        var versions = await db
            .RecordVersions.AsNoTracking()
            .Where(v => v.RecordType == type && v.RecordId == id)
            .OrderBy(v => v.Version)
            .ToListAsync(cancellationToken);
        if (versions.Count == 0 || !await MayReadAsync(type, id, versions[^1], cancellationToken))
        {
            return NotFound();
        }
        var entries = new List<Entry>();
        var hidden = await HiddenIdsAsync(versions, cancellationToken);
        Dictionary<string, string?> previous = [];
        foreach (var version in versions)
        {
            var current = Snapshots.Flatten(
                hidden.Count == 0 ? version.Data : GuidPattern().Replace(version.Data, m => hidden.Contains(m.Value) ? Hidden : m.Value)
            );
            var changes = current
                .Keys.Union(previous.Keys)
                .Where(k => previous.GetValueOrDefault(k) != current.GetValueOrDefault(k))
                .Select(k => new Change(k, previous.GetValueOrDefault(k), current.GetValueOrDefault(k)))
                .ToList();
            entries.Add(new Entry(version, changes));
            previous = current;
        }
        entries.Reverse();
        Entries = entries;
        return Page();
    }

    /// <summary>
    /// The history of a record is shown to whoever may see the record by its type's rule (Access/Visibility.cs; for a
    /// deleted one: as its last version left it). A type without a rule has no history to show.
    /// </summary>
    private Task<bool> MayReadAsync(string type, Guid id, RecordVersion last, CancellationToken cancellationToken) =>
        Access.Visibility.MayReadHistoryAsync(db, type, id, last, cancellationToken);

    /// <summary>
    /// Ids of people, cases, events and sources the viewer may not see, wherever they appear in the versions (the people
    /// of a case or an event, a charge's defendant): shown as hidden, so a visible record does not prove a hidden one.
    /// </summary>
    private async Task<HashSet<string>> HiddenIdsAsync(IEnumerable<RecordVersion> versions, CancellationToken cancellationToken)
    {
        var ids = versions.SelectMany(v => GuidPattern().Matches(v.Data).Select(m => Guid.Parse(m.Value))).ToHashSet();
        if (ids.Count == 0)
        {
            return [];
        }
        var viewer = db.Viewer;
        db.Viewer = Access.Viewer.System;
        var leveled = await LeveledIdsAsync(ids, cancellationToken);
        db.Viewer = viewer;
        var visible = await LeveledIdsAsync(ids, cancellationToken);
        return leveled.Except(visible).Select(g => g.ToString()).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private async Task<HashSet<Guid>> LeveledIdsAsync(HashSet<Guid> ids, CancellationToken cancellationToken)
    {
        var found = new HashSet<Guid>();
        foreach (var type in RecordLookup.LeveledTypes(db))
        {
            // A merged person's id still names a person (the merged filter is set aside; the level filter is not).
            found.UnionWith(await RecordLookup.VisibleIdsAsync(db, type, ids, cancellationToken, HabeasDb.MergedFilter));
        }
        return found;
    }

    [System.Text.RegularExpressions.GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial System.Text.RegularExpressions.Regex GuidPattern();

    /// <summary>What is shown for an id the viewer may not see.</summary>
    public const string Hidden = "(hidden)";
}
