using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Duplicates;

/// <summary>Likely duplicate people, with the reasons, each pair to compare; and undoing a merge.</summary>
public sealed class IndexModel(HabeasDb db, DuplicateFinder finder, TimeProvider time) : PageModel
{
    public IReadOnlyList<DuplicateFinder.Pair> Pairs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pairs = await finder.FindAsync(db, 200, cancellationToken);

    public async Task<IActionResult> OnPostUndoAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await Merging.UndoAsync(db, id, time, cancellationToken);
        return outcome.Merge is null ? NotFound() : Redirect($"/people/{id}");
    }
}
