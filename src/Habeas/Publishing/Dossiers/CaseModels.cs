using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Dossiers;

/// <summary>The printable case dossier, internal (/cases/{id}/dossier) or public (/public/cases/{id}/dossier).</summary>
public abstract class DossierPage(HabeasDb db, TimeProvider time) : PageModel
{
    protected abstract bool Public { get; }
    public CaseDossier Dossier { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var dossier = await CaseDossier.LoadAsync(db, id, Public, Public ? null : User.Identity?.Name, time.GetUtcNow(), cancellationToken);
        if (dossier is null)
        {
            return NotFound();
        }
        Dossier = dossier;
        return Page();
    }
}

public sealed class CaseModel(HabeasDb db, TimeProvider time) : DossierPage(db, time)
{
    protected override bool Public => false;
}

public sealed class PublicModel(HabeasDb db, TimeProvider time) : DossierPage(db, time)
{
    protected override bool Public => true;
}
