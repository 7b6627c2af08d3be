using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Public;

/// <summary>/public/people/{id}, open to all: a published person as the public site shows them; 404 for anything else.
/// A merged record's id goes to the record it was merged into, when that one is published.</summary>
public sealed class PersonModel(HabeasDb db, TimeProvider time) : PageModel
{
    public PublicRecords.Profile Profile { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await PublicRecords.ProfileAsync(db, id, cancellationToken);
        if (profile is null)
        {
            // Read as the anonymous visitor (ProfileAsync set it): a survivor is found only when it is published.
            return await Habeas.Records.Duplicates.Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor
                ? Redirect($"/public/people/{survivor}")
                : NotFound();
        }
        Profile = profile;
        Today = time.Today();
        return Page();
    }
}
