using Habeas.Core.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Statistics;

/// <summary>
/// The records behind a figure or one of its rows: the people counted, each with what made them count (their
/// detention periods, the arrest or release, the group). For detained: from= and to= (or on= for one day); for the
/// arrests and releases: from= and to=; for the by- figures and time detained: on= and group=. The public list
/// holds published records only and links to the public profiles.
/// </summary>
public abstract class RecordsPage(Figures figures) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Figure { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? On { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    public abstract bool Published { get; }
    public string BasePath => Published ? "/public/statistics" : "/statistics";
    public string PersonPath => Published ? "/public/people" : "/people";
    public FigureRange? Range { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<RecordLine> Lines { get; private set; } = [];
    public string Title { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Figures.Exists(Figure))
        {
            return NotFound();
        }
        if (Published)
        {
            figures.Published();
        }
        // One day given for the detained figure: the people detained that day.
        if (Figure == "detained" && From is null && To is null && On is not null)
        {
            From = To = On;
        }
        (Range, Errors) = FigureRange.Parse(From, To, "month", null, On, figures.Today);
        if (Range is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Lines = await figures.RecordsAsync(Figure, Range, string.IsNullOrEmpty(Group) ? null : Group, cancellationToken);
        return Page();
    }
}

public sealed class RecordsModel(Figures figures) : RecordsPage(figures)
{
    public override bool Published => false;
}

public sealed class PublicRecordsModel(Figures figures) : RecordsPage(figures)
{
    public override bool Published => true;
}
