using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.People;

public sealed class DetailsModel(HabeasDb db, TimeProvider time) : PageModel
{
    public PersonProfile Profile { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await PersonProfile.LoadAsync(db, id, cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }
        Profile = profile;
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return Page();
    }
}
