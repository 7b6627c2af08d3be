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

    /// <summary>The words typed in the provision's "find" box.</summary>
    [BindProperty]
    public string? ProvisionQuery { get; set; }

    /// <summary>The provision: chosen by a search step (Pickers.RecordPicker), never a list of every article.</summary>
    public Pickers.RecordPicker ProvisionPicker { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>"Find" a provision: nothing is saved; the form comes back as typed, with the matches.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid id, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        return await LoadAsync(id, cancellationToken, find: true) ? Page() : NotFound();
    }

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

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool find = false)
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
        ProvisionPicker = await Pickers.RecordPicker.BuildAsync(
            new Pickers.ProvisionFinder(db),
            "Input.ProvisionId",
            nameof(ProvisionQuery),
            Input.ProvisionId is { } provision ? [provision] : [],
            ProvisionQuery,
            find,
            cancellationToken
        );
        return true;
    }
}
