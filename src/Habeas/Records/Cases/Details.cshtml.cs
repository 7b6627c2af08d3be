using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Cases;

public sealed class DetailsModel(HabeasDb db) : PageModel
{
    public CaseFile Record { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await CaseFile.LoadAsync(db, id, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }
        Record = file;
        return Page();
    }
}
