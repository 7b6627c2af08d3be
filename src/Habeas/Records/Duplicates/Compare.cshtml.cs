using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Duplicates;

/// <summary>Two people side by side; merge one into the other, or say they are different people.</summary>
public sealed class CompareModel(HabeasDb db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid A { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid B { get; set; }

    public PersonProfile Left { get; private set; } = null!;
    public PersonProfile Right { get; private set; } = null!;
    public string? Problem { get; private set; }

    /// <summary>How many names and events would be kept once if A were kept (B merged into it), and if B were.</summary>
    public (int Names, int Events) CollapseKeepingA { get; private set; }
    public (int Names, int Events) CollapseKeepingB { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>Keeps <paramref name="keep"/> (A or B) and merges the other into it.</summary>
    public async Task<IActionResult> OnPostMergeAsync(string keep, CancellationToken cancellationToken)
    {
        var (survivor, duplicate) = keep == "B" ? (B, A) : (A, B);
        var outcome = await Merging.MergeAsync(db, duplicate, survivor, time, cancellationToken);
        if (outcome.Merge is not null)
        {
            return Redirect($"/people/{survivor}");
        }
        db.ChangeTracker.Clear();
        Problem = outcome.Problem;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDismissAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }
        await DuplicateFinder.DismissAsync(db, A, B, time, cancellationToken);
        return Redirect("/duplicates");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (A == B)
        {
            return false;
        }
        var left = await PersonProfile.LoadAsync(db, A, cancellationToken);
        var right = await PersonProfile.LoadAsync(db, B, cancellationToken);
        if (left is null || right is null)
        {
            return false;
        }
        (Left, Right) = (left, right);
        CollapseKeepingA = await MergeCollapse.PreviewAsync(db, right.Person, left.Person, cancellationToken);
        CollapseKeepingB = await MergeCollapse.PreviewAsync(db, left.Person, right.Person, cancellationToken);
        return true;
    }
}
