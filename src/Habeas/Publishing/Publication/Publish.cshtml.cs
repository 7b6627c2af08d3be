using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Publishing.Public;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Publication;

/// <summary>
/// "Publish this case" (<c>/cases/{id}/publish</c>, coordinators and administrators): the case's records with a tick each
/// (<see cref="CasePublication"/>), and below them the case page as the public would see it with the ticked ones
/// published, rendered by the public site's own partial. "Update preview" shows the page for other ticks; "Publish" saves
/// the ticked ones in one save. <c>/cases/{id}/unpublish</c> (<see cref="UnpublishModel"/>) takes them back.
/// </summary>
public sealed class PublishModel(HabeasDb db, Texts texts) : PageModel
{
    public CasePublication.Contents Contents { get; private set; } = null!;

    /// <summary>The ticked records.</summary>
    public IReadOnlySet<Guid> Chosen { get; private set; } = new HashSet<Guid>();

    /// <summary>The public case page with the ticked records published; null when the case itself would not be public.</summary>
    public PublicRecords.CaseView? Preview { get; private set; }

    /// <summary>How many records the last save published (after the redirect).</summary>
    public int? Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? published, CancellationToken cancellationToken)
    {
        if (await CasePublication.LoadAsync(db, id, cancellationToken) is not { } contents)
        {
            return NotFound();
        }
        Published = published;
        return await ShowAsync(contents, contents.SuggestedForPublishing, cancellationToken);
    }

    /// <summary>Shows the preview for the records ticked, saving nothing.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, List<Guid> records, CancellationToken cancellationToken)
    {
        if (await CasePublication.LoadAsync(db, id, cancellationToken) is not { } contents)
        {
            return NotFound();
        }
        return await ShowAsync(contents, records, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, List<Guid> records, CancellationToken cancellationToken)
    {
        if (await CasePublication.LoadAsync(db, id, cancellationToken) is not { } contents)
        {
            return NotFound();
        }
        try
        {
            var (validation, changed) = await CasePublication.SaveAsync(db, contents, records, publish: true, cancellationToken);
            if (validation.IsValid)
            {
                return Redirect($"/cases/{id}/publish?published={changed.Count}");
            }
            validation.CopyTo(ModelState, string.Empty);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, texts["publication.conflict"]);
            db.ForgetUnsaved();
            contents = await CasePublication.LoadAsync(db, id, cancellationToken) ?? contents;
        }
        return await ShowAsync(contents, records, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(
        CasePublication.Contents contents,
        IEnumerable<Guid> chosen,
        CancellationToken cancellationToken
    )
    {
        Contents = contents;
        Chosen = chosen.Where(id => contents.Items.Any(i => i.Id == id && !i.Restricted)).ToHashSet();
        Preview = await PublicRecords.CaseAsync(db, contents.Case.Id, cancellationToken, new PublicRecords.Preview(Chosen));
        return Page();
    }
}
