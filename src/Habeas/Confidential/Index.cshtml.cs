using Habeas.Access;
using Habeas.Accounts;
using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Confidential;

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
    [BindProperty] public Dictionary<string, string?> Values { get; set; } = [];
    public bool Saved { get; private set; }
    public bool MayEdit => Roles.RecordEditors.Any(User.IsInRole);

    public async Task<IActionResult> OnGetAsync(string segment, Guid id, bool saved, CancellationToken cancellationToken)
    {
        if (!await FindAsync(segment, id, cancellationToken))
        {
            return NotFound();
        }
        Saved = saved;
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
        await ConfidentialFields.WriteAsync(db, keys, RecordType, id, Values, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/confidential/{segment}/{id}?saved=true");
    }

    public string BackUrl => $"/{Segment}/{Id}";

    private async Task<bool> FindAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        var type = Records.Leveled.FirstOrDefault(r => r.Segment == segment).RecordType;
        if (type is null || !ConfidentialFields.Has(type) || await Records.FindVisibleAsync(db, type, id, cancellationToken) is null)
        {
            return false;
        }
        (RecordType, Segment, Id, Fields) = (type, segment, id, ConfidentialFields.ByRecordType[type]);
        return true;
    }
}
