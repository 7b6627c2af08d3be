using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Publication;

/// <summary>
/// "Unpublish this case" (<c>/cases/{id}/unpublish</c>, coordinators and administrators): the case's public records, each
/// ticked, taken back to internal in one save (<see cref="CasePublication"/>); unticked ones stay public. A person taken
/// back leaves the whole public site, not only this case.
/// </summary>
public sealed class UnpublishModel(HabeasDb db, Texts texts) : PageModel
{
    public CasePublication.Contents Contents { get; private set; } = null!;

    public IReadOnlySet<Guid> Chosen { get; private set; } = new HashSet<Guid>();

    /// <summary>How many records the last save took off the public site (after the redirect).</summary>
    public int? Unpublished { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? unpublished, CancellationToken cancellationToken)
    {
        if (await CasePublication.LoadAsync(db, id, cancellationToken) is not { } contents)
        {
            return NotFound();
        }
        Contents = contents;
        Chosen = contents.PublicNow.ToHashSet();
        Unpublished = unpublished;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, List<Guid> records, CancellationToken cancellationToken)
    {
        if (await CasePublication.LoadAsync(db, id, cancellationToken) is not { } contents)
        {
            return NotFound();
        }
        try
        {
            var (validation, changed) = await CasePublication.SaveAsync(db, contents, records, publish: false, cancellationToken);
            if (validation.IsValid)
            {
                return Redirect($"/cases/{id}/unpublish?unpublished={changed.Count}");
            }
            validation.CopyTo(ModelState, string.Empty);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, texts["publication.conflict"]);
            db.ForgetUnsaved();
            contents = await CasePublication.LoadAsync(db, id, cancellationToken) ?? contents;
        }
        Contents = contents;
        Chosen = records.ToHashSet();
        return Page();
    }
}
