using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Confidential;

/// <summary>
/// /confidential/{people|events|sources}/{id}: the record's confidential details, for holders of the confidential
/// grant only (the page's policy). Opening it is an audit entry; editors can change the values here.
/// </summary>
public sealed class IndexModel(HabeasDb db, KeyRing keys) : PageModel
{
    public string RecordType { get; private set; } = "";
    public string Segment { get; private set; } = "";
    public Guid Id { get; private set; }
    public IReadOnlyList<string> Fields { get; private set; } = [];

    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    /// <summary>The version of the record's confidential set the form was read at.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set when the save was refused because someone changed the values since: what they saved, shown above the form.</summary>
    public History.ConflictNotice? Conflict { get; private set; }
    public bool Saved { get; private set; }
    public bool MayEdit => Roles.RecordEditors.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(string segment, Guid id, bool saved, CancellationToken cancellationToken)
    {
        if (!await FindAsync(segment, id, cancellationToken))
        {
            return NotFound();
        }
        Saved = saved;
        Version = await History.PartVersions.CurrentAsync(db, RecordType, id, History.PartVersions.Confidential, cancellationToken);
        var values = await ConfidentialFields.ReadAsync(db, keys, RecordType, id, cancellationToken);
        Values = Fields.ToDictionary(f => f, f => values.GetValueOrDefault(f));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        if (!await FindAsync(segment, id, cancellationToken))
        {
            return NotFound();
        }
        if (!MayEdit)
        {
            return Forbid();
        }
        var validation = ConfidentialFields.Validate(RecordType, Values);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        if (!await ConfidentialFields.TrySaveAsync(db, keys, RecordType, id, Values, Version, cancellationToken))
        {
            // Nothing was written; the form keeps what was typed, the other values are shown above it (an audited read:
            // this page is for holders of the confidential grant only), and the form now carries the saved version.
            var since = await ConfidentialFields.SavedSinceAsync(db, keys, RecordType, id, Version, reveal: true, cancellationToken);
            Conflict = new History.ConflictNotice($"/confidential/{segment}/{id}", since);
            ModelState.Remove(nameof(Version));
            Version = since?.CurrentVersion
                ?? await History.PartVersions.CurrentAsync(db, RecordType, id, History.PartVersions.Confidential, cancellationToken);
            return Page();
        }
        return Redirect($"/confidential/{segment}/{id}?saved=true");
    }

    public string BackUrl => $"/{Segment}/{Id}";

    private async Task<bool> FindAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        var type = LeveledRecords.Leveled.FirstOrDefault(r => r.Segment == segment).RecordType;
        if (type is null || !ConfidentialFields.Has(type) || await LeveledRecords.FindVisibleAsync(db, type, id, cancellationToken) is null)
        {
            return false;
        }
        (RecordType, Segment, Id, Fields) = (type, segment, id, ConfidentialFields.ByRecordType[type]);
        return true;
    }
}
