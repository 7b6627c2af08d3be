using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Public;

/// <summary>/public/people/{id}, open to all: a published person as the public site shows them; 404 for anything else.
/// A merged record's id goes to the record it was merged into, when that one is published. <c>?preview=1</c>, for a
/// signed-in reader who may see the person: the profile as it would be if the person were published
/// (<see cref="PublicRecords.Preview"/>), under a "Preview — not public" banner; an anonymous reader gets the public page or 404.</summary>
public sealed class PersonModel(HabeasDb db, TimeProvider time) : PageModel
{
    public PublicRecords.Profile Profile { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>True when the page shows a staff preview of someone not public.</summary>
    public bool Previewing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? preview, CancellationToken cancellationToken)
    {
        var asStaff = (preview is "1" or "true") && db.Viewer.SignedIn ? new PublicRecords.Preview(new HashSet<Guid> { id }) : null;
        var profile = await PublicRecords.ProfileAsync(db, id, cancellationToken, asStaff);
        if (profile is null)
        {
            if (asStaff is not null)
            {
                return NotFound();
            }
            // Read as the anonymous visitor (ProfileAsync set it): a survivor is found only when it is published.
            return await Habeas.Records.Duplicates.Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor
                ? Redirect($"/public/people/{survivor}")
                : NotFound();
        }
        Profile = profile;
        Previewing = asStaff is not null && asStaff.Differs([profile.Person]);
        Today = time.Today();
        return Page();
    }
}
