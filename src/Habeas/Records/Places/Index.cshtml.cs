using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Places;

/// <summary>Places found by name (any language), at most <see cref="PlaceDirectory.PageSize"/> shown, with their kind
/// and the places above them.</summary>
public sealed class IndexModel(HabeasDb db, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }
    public PlaceDirectory Directory { get; private set; } = null!;
    public IReadOnlyList<PlaceDirectory.Entry> Places { get; private set; } = [];
    public int Total { get; private set; }
    public bool MayWrite { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        var matching = Directory.Search(Q);
        Total = matching.Count;
        Places = matching.Take(PlaceDirectory.PageSize).ToList();
        MayWrite = (await authorization.AuthorizeAsync(User, Habeas.Platform.Accounts.Policies.Write)).Succeeded;
    }
}
