using Habeas.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas;

/// <summary>
/// The generic error page the exception handler shows for a failed page (status 500): a reference to
/// quote, nothing of the exception. Visited directly, without an error, it does not exist.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string CorrelationId => Correlation.Id(HttpContext);

    public IActionResult OnGet() => Show();

    // A failed form post is shown the same page (the exception handler keeps the method).
    public IActionResult OnPost() => Show();

    private IActionResult Show() =>
        HttpContext.Features.Get<IExceptionHandlerFeature>() is null ? NotFound() : Page();
}
