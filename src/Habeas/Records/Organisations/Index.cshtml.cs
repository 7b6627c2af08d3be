using Habeas.Platform.Storage;
using Habeas.Records.Places;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Organisations;

/// <summary>Organisations found by name or acronym, at most <see cref="PlaceDirectory.PageSize"/> shown, with their kind
/// and place.</summary>
public sealed class IndexModel(HabeasDb db, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }
    public PlaceDirectory Directory { get; private set; } = null!;
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];
    public int Total { get; private set; }
    public bool MayWrite { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var matching = await OrganisationsApi.SearchAsync(db, Q, cancellationToken);
        Total = matching.Count;
        Organisations = matching.Take(PlaceDirectory.PageSize).ToList();
        Directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        MayWrite = (await authorization.AuthorizeAsync(User, Habeas.Platform.Accounts.Policies.Write)).Succeeded;
    }
}
