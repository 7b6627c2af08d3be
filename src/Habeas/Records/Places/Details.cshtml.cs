using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Places;

/// <summary>A place: its names in each language, its kind, the places above it and (at most 50 of) those inside it.</summary>
public sealed class DetailsModel(HabeasDb db, IAuthorizationService authorization) : PageModel
{
    public Place Place { get; private set; } = null!;
    public IReadOnlyList<PlaceDirectory.Entry> Ancestors { get; private set; } = [];
    public IReadOnlyList<PlaceDirectory.Entry> Children { get; private set; } = [];
    public int ChildCount { get; private set; }
    public bool MayWrite { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var place = await db.Places.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (place is null)
        {
            return NotFound();
        }
        Place = place;
        var directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        Ancestors = directory.Ancestors(id);
        var children = directory.Children(id);
        ChildCount = children.Count;
        Children = children.Take(PlaceDirectory.PageSize).ToList();
        MayWrite = (await authorization.AuthorizeAsync(User, Habeas.Platform.Accounts.Policies.Write)).Succeeded;
        return Page();
    }
}
