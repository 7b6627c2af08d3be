using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.History;

/// <summary>Every saved version of one record, newest first, with what changed from the version before.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
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
        var versions = await db.RecordVersions.AsNoTracking()
            .Where(v => v.RecordType == type && v.RecordId == id)
            .OrderBy(v => v.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0 || !await MayReadAsync(type, id, versions[^1], cancellationToken))
        {
            return NotFound();
        }
        var entries = new List<Entry>();
        Dictionary<string, string?> previous = [];
        foreach (var version in versions)
        {
            var current = Snapshots.Flatten(version.Data);
            var changes = current.Keys.Union(previous.Keys)
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

    /// <summary>The history of a record is shown to whoever may see the record (for a deleted one: its last level).</summary>
    private async Task<bool> MayReadAsync(string type, Guid id, RecordVersion last, CancellationToken cancellationToken)
    {
        if (Access.Records.Leveled.Any(r => r.RecordType == type))
        {
            if (last.Change != "deleted")
            {
                return await Access.Records.FindVisibleAsync(db, type, id, cancellationToken) is not null;
            }
            return Snapshots.Flatten(last.Data).GetValueOrDefault("level") != Access.RecordLevels.Restricted || db.Viewer.SeesAllRestricted;
        }
        return type switch
        {
            "citation" => last.Change == "deleted" || await db.Citations.AnyAsync(c => c.Id == id, cancellationToken),
            "charge" => last.Change == "deleted" || await db.Charges.AnyAsync(c => c.Id == id && db.Cases.Any(x => x.Id == c.CaseId), cancellationToken),
            _ => true,
        };
    }
}
