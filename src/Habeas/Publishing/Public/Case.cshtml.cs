using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Public;

/// <summary>/public/cases/{id}, open to all: a published case with its public defendants, charges, events and sources; 404 for anything
/// else.</summary>
public sealed class CaseModel(HabeasDb db) : PageModel
{
    public PublicRecords.CaseView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await PublicRecords.CaseAsync(db, id, cancellationToken) is not { } view)
        {
            return NotFound();
        }
        View = view;
        return Page();
    }
}
