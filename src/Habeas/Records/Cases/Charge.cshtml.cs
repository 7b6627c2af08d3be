using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>Adds a charge to a case, under a legal provision already known or one typed in.</summary>
public sealed class ChargeModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    [BindProperty]
    public ChargeInput Input { get; set; } = new();
    public Case Case { get; private set; } = null!;
    public IReadOnlyList<LegalProvision> Provisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var validation = await Input.ValidateAsync(db, vocabularies, id, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        await CasesApi.SaveChargeAsync(db, id, Input, cancellationToken);
        return Redirect($"/cases/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var c = await db
            .Cases.AsNoTracking()
            .Include(x => x.Participants)
                .ThenInclude(p => p.Person)
                    .ThenInclude(p => p!.Names)
            .AsSplitQuery()
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (c is null)
        {
            return false;
        }
        Case = c;
        Provisions = await db.LegalProvisions.AsNoTracking().OrderBy(p => p.Code).ThenBy(p => p.Article).ToListAsync(cancellationToken);
        return true;
    }
}
