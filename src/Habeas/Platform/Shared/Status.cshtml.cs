using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Shared;

/// <summary>
/// The page a browser sees for an error status without a body outside the API (404, 403, 405 …), in the reader's
/// language: the status middleware re-runs the request here (Host/HabeasApp.cs). A 404 says nothing about whether
/// the thing exists: a record the reader may not see is "not found" like one that never was. Visited directly, it does
/// not exist.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public const string Path = "/status";

    public int Code { get; private set; }

    /// <summary>Asked for on the public site (/public…): shown in its layout, the same page whoever reads it.</summary>
    public bool OnPublicSite { get; private set; }

    /// <summary>The key of the page's title and text: status.404, status.403, or status.other for the rest.</summary>
    public string Key => Code is 403 or 404 or 410 ? $"status.{Code}" : "status.other";

    /// <summary>A 410 for a retracted record (Retraction/RetractedRecords.cs): what the page may say of it.</summary>
    public Retraction.RetractedRecords.Gone? Retracted { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    // A refused form post is re-run with its method.
    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
    {
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not { } original)
        {
            return NotFound();
        }
        Code = code;
        OnPublicSite = new PathString(original.OriginalPath).StartsWithSegments("/public", StringComparison.Ordinal);
        Retracted = HttpContext.Items[Retraction.RetractedRecords.ItemKey] as Retraction.RetractedRecords.Gone;
        return Page();
    }
}
