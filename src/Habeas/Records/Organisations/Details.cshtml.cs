using Habeas.Platform.Storage;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Organisations;

/// <summary>An organisation: its names in each language, kind, acronym and place.</summary>
public sealed class DetailsModel(HabeasDb db, IAuthorizationService authorization) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;
    public string? PlaceName { get; private set; }
    public bool MayWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }
        Organisation = organisation;
        if (organisation.CountryId is { } place)
        {
            PlaceName = (await PlaceDirectory.LoadAsync(db, cancellationToken)).FullName(place);
        }
        MayWrite = (await authorization.AuthorizeAsync(User, Habeas.Platform.Accounts.Policies.Write)).Succeeded;
        return Page();
    }
}
