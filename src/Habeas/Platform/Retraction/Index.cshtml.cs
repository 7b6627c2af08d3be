using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Retraction;

/// <summary>
/// <c>/retracted</c>, the coordinators' page: the retracted records they may see, newest first, each with when, who, why,
/// its history and a button that restores it.
/// </summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    public const int PerKind = 100;

    public List<(RetractableKind Kind, Shared.IRetractable Record)> Retracted { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Retracted = await Retractions.ListAsync(db, PerKind, cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(string segment, Guid id, string? returnUrl, CancellationToken cancellationToken)
    {
        if (Retractions.Kind(segment) is not { } kind || await Retractions.FindAsync(db, kind, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        if (record.RetractedAt is not null)
        {
            await Retractions.RestoreAsync(db, kind, record, cancellationToken);
        }
        return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) ? returnUrl : "/retracted");
    }
}
