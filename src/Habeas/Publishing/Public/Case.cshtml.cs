using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Public;

/// <summary>/public/cases/{id}, open to all: a published case with its public defendants, charges, events and sources; 404 for anything
/// else. <c>?preview=1</c>, for a signed-in reader who may see the case: the page as it would be if the case were published
/// (<see cref="PublicRecords.Preview"/>), under a "Preview — not public" banner; an anonymous reader gets the public page or 404.</summary>
public sealed class CaseModel(HabeasDb db) : PageModel
{
    public PublicRecords.CaseView View { get; private set; } = null!;

    /// <summary>True when the page shows a staff preview of something not public.</summary>
    public bool Previewing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? preview, CancellationToken cancellationToken)
    {
        var asStaff = (preview is "1" or "true") && db.Viewer.SignedIn ? new PublicRecords.Preview(new HashSet<Guid> { id }) : null;
        if (await PublicRecords.CaseAsync(db, id, cancellationToken, asStaff) is not { } view)
        {
            return NotFound();
        }
        View = view;
        Previewing = asStaff is not null && asStaff.Differs([view.Case]);
        return Page();
    }
}
