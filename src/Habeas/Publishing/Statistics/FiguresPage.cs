using System.Globalization;
using Habeas.Core.Charts;
using Habeas.Core.Statistics;
using Habeas.Platform.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Publishing.Statistics;

/// <summary>
/// The statistics page, staff or public: the range form, then every figure as a chart with its table, how it was
/// counted, its downloads and the link to the records behind it. Bad parameters re-show the form with the message
/// (answered 400). The public page counts published records only (<see cref="Figures.Published"/>).
/// </summary>
public abstract class FiguresPage(Figures figures) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Interval { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Measure { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? On { get; set; }

    public abstract bool Published { get; }

    /// <summary>Where the figures and their records live: /statistics or /public/statistics.</summary>
    public string BasePath => Published ? "/public/statistics" : "/statistics";
    public FigureRange? Range { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public IReadOnlyList<Figure> Results { get; private set; } = [];

    /// <summary>People deprived of liberty on the "on" day (the headline).</summary>
    public int DetainedOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Published)
        {
            figures.Published();
        }
        (Range, Errors) = FigureRange.Parse(From, To, Interval, Measure, On, figures.Today);
        if (Range is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var results = new List<Figure>();
        foreach (var id in Figure.Ids)
        {
            results.Add(await figures.BuildAsync(id, Range, cancellationToken));
        }
        Results = results;
        DetainedOn = await figures.DetainedOnAsync(Range.On, cancellationToken);
        From ??= Iso(Range.From);
        To ??= Iso(Range.To);
        On ??= Iso(Range.On);
        return Page();
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>A figure's chart: lines over time for the series, bars for the groups (the table beside it carries the numbers).</summary>
public static class FigureChart
{
    public static string Svg(Figure figure, string description)
    {
        var culture = CultureInfo.CurrentCulture;
        if (figure.IsSeries)
        {
            var days = figure
                .Rows.Select(r =>
                    DateOnly.ParseExact(r.Key.Length == 7 ? r.Key + "-01" : r.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                )
                .ToList();
            var lines = figure
                .ValueHeaders.Select((name, i) => new SvgCharts.Line(name, figure.Rows.Select(r => (int)(r.Values[i] ?? 0)).ToList()))
                .ToList();
            return SvgCharts.Lines($"chart-{figure.Id}", figure.Title, description, days, lines, culture, Display.Number);
        }
        // Time detained: the median of each group; the groups: the people in each.
        var column = figure.Id == "time-detained" ? 1 : 0;
        var bars = figure.Rows.Select(r => new Bar(r.Label, (int)Math.Round(r.Values[column] ?? 0))).ToList();
        return SvgCharts.Bars($"chart-{figure.Id}", figure.Title, description, bars, Display.Number);
    }
}
