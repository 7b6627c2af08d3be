using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Retraction;

/// <summary>
/// <c>/retract/{segment}/{id}</c>: retract one record with a reason, for whoever may edit it (the kind's policy). The
/// form keeps what was typed when the reason is refused; after the save the reader goes back where they came from.
/// </summary>
public sealed class RetractModel(HabeasDb db, IAuthorizationService authorization) : PageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public RetractableKind Kind { get; private set; } = null!;

    public Guid Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(string segment, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(segment, id, cancellationToken) is { } refused ? refused : Page();

    public async Task<IActionResult> OnPostAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(segment, id, cancellationToken) is { } refused)
        {
            return refused;
        }
        var record = (await Retractions.FindAsync(db, Kind, id, cancellationToken))!;
        var validation = Retractions.CheckReason(Reason);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        await Retractions.RetractAsync(db, Kind, record, Reason!, cancellationToken);
        return LocalRedirect(Back);
    }

    /// <summary>Where the reader came from (a local address only), else the home page.</summary>
    public string Back => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    /// <summary>Null when the record stands and the reader may retract it; else the answer (404, 403, or 410 once retracted).</summary>
    private async Task<IActionResult?> LoadAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        if (Retractions.Kind(segment) is not { } kind || await Retractions.FindAsync(db, kind, id, cancellationToken) is not { } record)
        {
            return NotFound();
        }
        if (!(await authorization.AuthorizeAsync(User, kind.Rule.PolicyFor(record))).Succeeded)
        {
            return Forbid();
        }
        if (record.RetractedAt is not null)
        {
            HttpContext.Items[RetractedRecords.ItemKey] = new RetractedRecords.Gone(kind, record, Public: false);
            return StatusCode(StatusCodes.Status410Gone);
        }
        Kind = kind;
        Id = id;
        return null;
    }
}
