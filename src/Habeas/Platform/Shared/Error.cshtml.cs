using Habeas.Platform.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Shared;

/// <summary>
/// The generic error page the exception handler shows for a failed page (status 500): a reference to
/// quote, nothing of the exception. Visited directly, without an error, it does not exist.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(Storage.StorageOptions storage) : PageModel
{
    public string CorrelationId => Correlation.Id(HttpContext);

    /// <summary>A full disk, a read-only data folder or an absent database: told as such, with status 503.</summary>
    public Storage.StorageFault? Fault { get; private set; }

    public IActionResult OnGet() => Show();

    // A failed form post is shown the same page (the exception handler keeps the method).
    public IActionResult OnPost() => Show();

    private IActionResult Show()
    {
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not { } failure)
        {
            return NotFound();
        }
        Fault = Storage.StorageFaults.Classify(failure.Error, storage);
        if (Fault is not null)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = Storage.StorageFaultHandler.RetryAfterSeconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
        }
        return Page();
    }
}
