using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>
/// <c>/people/{id}/erase</c>, administrators only: erase a person's personal data for a lawful request (<see
/// cref="PersonErasure"/>). The form names what goes and what remains, and asks for the request's reference.
/// </summary>
public sealed class EraseModel(HabeasDb db) : PageModel
{
    [BindProperty]
    public string? Reference { get; set; }

    [BindProperty]
    public bool Confirm { get; set; }

    public string PersonName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var validation = Check(Reference, Confirm);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        await PersonErasure.EraseAsync(db, id, Reference!, cancellationToken);
        return Redirect("/people");
    }

    /// <summary>The request's reference (required, one line, bounded) and the confirmation.</summary>
    public static Validation Check(string? reference, bool confirm)
    {
        var v = new Validation();
        if (string.IsNullOrWhiteSpace(reference))
        {
            v.Add("reference", "erasure.error.reference");
        }
        else
        {
            v.Line("reference", reference, PersonErasure.ReferenceMax, "erasure.reference");
        }
        if (!confirm)
        {
            v.Add("confirm", "erasure.error.confirm");
        }
        return v;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var person = await db
            .People.IgnoreQueryFilters([HabeasDb.RetractedFilter])
            .Include(p => p.Names)
            .FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        PersonName = person?.NameFor(Habeas.Platform.Localization.Texts.CurrentLanguage) ?? "";
        return person is not null;
    }
}
