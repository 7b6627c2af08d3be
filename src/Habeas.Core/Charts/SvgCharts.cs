using System.Globalization;
using System.Text;

namespace Habeas.Core.Charts;

/// <summary>A category and its count ("Letter", 3,000).</summary>
public sealed record Bar(string Label, int Value);

/// <summary>A dated mark on a time axis: a case event, a further-information update, the close. Kind is a CSS class.</summary>
public sealed record Marker(DateOnly Day, string Label, string Kind);

/// <summary>
/// Server-rendered SVG charts: no script, a viewBox so they scale and print, text as SVG text in the page's font
/// (the SVG is inline, so it inherits it), role="img" with a title and a description. The page puts a plain table
/// of the same numbers beside each chart for screen readers and for copying. Every text is escaped here.
/// </summary>
public static class SvgCharts
{
    public const int Width = 640;

    /// <summary>The least room left of the bars for their labels; more when a label needs it (<see cref="LabelRoom"/>).</summary>
    public const int LabelWidth = 200;

    /// <summary>The most room for labels: a longer label is shortened with "…" and keeps its full text in a title.</summary>
    public const int MaxLabelWidth = 420;

    /// <summary>A label's width at font size 13, estimated from its length: 7 units a character (a grapheme, so a Khmer
    /// cluster counts once), an average that holds for Latin text and Khmer with a little to spare.</summary>
    public static double LabelTextWidth(string label) => 7.0 * new StringInfo(label).LengthInTextElements;

    /// <summary>The room left of the bars: the longest label's width and a margin, between <see cref="LabelWidth"/> and
    /// <see cref="MaxLabelWidth"/>.</summary>
    public static int LabelRoom(IEnumerable<string> labels) =>
        Math.Clamp((int)Math.Ceiling(labels.Select(LabelTextWidth).DefaultIfEmpty(0).Max()) + 16, LabelWidth, MaxLabelWidth);

    /// <summary>The label as drawn: whole when it fits <see cref="MaxLabelWidth"/>, else its first graphemes and "…".</summary>
    public static string FittedLabel(string label)
    {
        var fits = (MaxLabelWidth - 16) / 7;
        var info = new StringInfo(label);
        return info.LengthInTextElements <= fits ? label : info.SubstringByTextElements(0, fits - 1).TrimEnd() + "…";
    }

    public const int RowHeight = 28;
    public const int BarThickness = 18;

    /// <summary>The longest bar, for the largest value (room is left after it for the number).</summary>
    public const int MaxBarLength = Width - LabelWidth - 70;

    public const int SeriesWidth = 1000;
    public const int PlotTop = 74;

    /// <summary>Marks closer than this are drawn on rows above each other, so none hides another.</summary>
    public const int MarkerSpacing = 20;
    public const int PlotHeight = 160;
    public const int PlotLeft = 40;
    public const int PlotRight = SeriesWidth - 10;

    /// <summary>
    /// Horizontal bars, one per category, longest for the largest value, lengths proportional to the values.
    /// <paramref name="format"/> writes the numbers (the reader's culture); invariant "N0" by default.
    /// </summary>
    public static string Bars(string id, string title, string description, IReadOnlyList<Bar> bars, Func<int, string>? format = null)
    {
        format ??= v => v.ToString("N0", CultureInfo.InvariantCulture);
        var height = Math.Max(1, bars.Count) * RowHeight + 12;
        // The labels are right-aligned against the bars: the room left of them fits the longest (B14: they were cut off).
        var labelWidth = LabelRoom(bars.Select(b => FittedLabel(b.Label)));
        var svg = Open(id, title, description, Width - LabelWidth + labelWidth, height, "bars");
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        svg.Append(Inv($"<line class=\"axis\" x1=\"{labelWidth}\" x2=\"{labelWidth}\" y1=\"4\" y2=\"{height - 4}\" stroke=\"#5b6474\" />"));
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 6 + i * RowHeight;
            var length = BarLength(bar.Value, max);
            svg.Append(
                Inv(
                    $"<text class=\"label\" x=\"{labelWidth - 8}\" y=\"{y + 14}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1d2430\">{LabelText(bar.Label)}</text>"
                )
            );
            svg.Append(
                Inv(
                    $"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{BarThickness}\" fill=\"#2f5d8a\"><title>{Escape(bar.Label)}: {Escape(format(bar.Value))}</title></rect>"
                )
            );
            svg.Append(
                Inv(
                    $"<text class=\"value\" x=\"{labelWidth + length + 6}\" y=\"{y + 14}\" font-size=\"13\" fill=\"#1d2430\">{Escape(format(bar.Value))}</text>"
                )
            );
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A label's text, shortened when too long, with its full text in a title then.</summary>
    private static string LabelText(string label)
    {
        var shown = FittedLabel(label);
        return shown == label ? Escape(label) : $"{Escape(shown)}<title>{Escape(label)}</title>";
    }

    /// <summary>The length of a bar: proportional to its value, the largest value getting <see cref="MaxBarLength"/>.</summary>
    public static double BarLength(int value, int max) => max <= 0 ? 0 : Math.Round((double)MaxBarLength * Math.Max(0, value) / max, 2);

    /// <summary>
    /// Counts per week (keyed by the Monday that starts it) as columns on one time axis from the first week or marker to
    /// the last, empty weeks included, with numbered markers above the plot (1, 2, 3 … in date order; the table beside
    /// the chart says what each is; a marker's label carries its date as precisely as known). Year ticks, or month ticks when the span is
    /// under two years.
    /// </summary>
    public static string Weekly(
        string id,
        string title,
        string description,
        IReadOnlyDictionary<DateOnly, int> weeks,
        IReadOnlyList<Marker> markers,
        CultureInfo? culture = null,
        Func<int, string>? format = null
    )
    {
        culture ??= CultureInfo.InvariantCulture;
        format ??= v => v.ToString("N0", CultureInfo.InvariantCulture);
        var height = PlotTop + PlotHeight + 30;
        var svg = Open(id, title, description, SeriesWidth, height, "weekly");
        var days = weeks.Keys.Select(Monday).Concat(markers.Select(m => m.Day)).ToList();
        if (days.Count == 0)
        {
            return svg.Append("</svg>").ToString();
        }
        var (start, end) = Span(days);
        double X(DateOnly day) =>
            Math.Round(
                PlotLeft + (double)(PlotRight - PlotLeft) * (day.DayNumber - start.DayNumber) / (end.DayNumber - start.DayNumber),
                2
            );
        var baseline = PlotTop + PlotHeight;
        var max = weeks.Count == 0 ? 0 : weeks.Values.Max();
        svg.Append(
            Inv($"<line class=\"axis\" x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{baseline}\" y2=\"{baseline}\" stroke=\"#5b6474\" />")
        );
        if (max > 0)
        {
            svg.Append(
                Inv(
                    $"<text class=\"max\" x=\"{PlotLeft - 4}\" y=\"{PlotTop + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6474\">{Escape(format(max))}</text>"
                )
            );
            svg.Append(
                Inv(
                    $"<line class=\"grid\" x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{PlotTop}\" y2=\"{PlotTop}\" stroke=\"#d5dae1\" stroke-dasharray=\"2 3\" />"
                )
            );
        }
        var weekWidth = Math.Max(1.5, Math.Round((double)(PlotRight - PlotLeft) * 7 / (end.DayNumber - start.DayNumber) - 1, 2));
        foreach (var (week, count) in weeks.Where(w => w.Value > 0).OrderBy(w => w.Key))
        {
            var h = ColumnHeight(count, max);
            var label = $"{week.ToString("d MMMM yyyy", culture)}: {format(count)}";
            svg.Append(
                Inv(
                    $"<rect class=\"week\" x=\"{X(Monday(week))}\" y=\"{Math.Round(baseline - h, 2)}\" width=\"{weekWidth}\" height=\"{h}\" fill=\"#2f5d8a\"><title>{Escape(label)}</title></rect>"
                )
            );
        }
        foreach (var (tick, text) in Ticks(start, end, culture))
        {
            var x = X(tick);
            svg.Append(Inv($"<line class=\"tick\" x1=\"{x}\" x2=\"{x}\" y1=\"{baseline}\" y2=\"{baseline + 5}\" stroke=\"#5b6474\" />"));
            svg.Append(
                Inv(
                    $"<text class=\"tick\" x=\"{x}\" y=\"{baseline + 18}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6474\">{Escape(text)}</text>"
                )
            );
        }
        var number = 0;
        var rowEnds = new double[3];
        Array.Fill(rowEnds, double.MinValue);
        foreach (var marker in markers.OrderBy(m => m.Day))
        {
            number++;
            var x = X(marker.Day);
            var row = Array.FindIndex(rowEnds, end => x - end >= MarkerSpacing);
            row = row < 0 ? Array.IndexOf(rowEnds, rowEnds.Min()) : row;
            rowEnds[row] = x;
            var cy = PlotTop - 16 - row * MarkerSpacing;
            // The label says the date as precisely as it is known ("December 1999"), so the mark's day is not repeated.
            var label = $"{number}. {marker.Label}";
            svg.Append(Inv($"<g class=\"marker {Escape(marker.Kind)}\"><title>{Escape(label)}</title>"));
            svg.Append(
                Inv(
                    $"<line x1=\"{x}\" x2=\"{x}\" y1=\"{cy + 8}\" y2=\"{baseline}\" stroke=\"{Colour(marker.Kind)}\" stroke-dasharray=\"3 2\" />"
                )
            );
            svg.Append(Inv($"<circle cx=\"{x}\" cy=\"{cy}\" r=\"9\" fill=\"{Colour(marker.Kind)}\" />"));
            svg.Append(Inv($"<text x=\"{x}\" y=\"{cy + 4}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#ffffff\">{number}</text></g>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A named line of a <see cref="Lines"/> chart: one value per day of the chart's days.</summary>
    public sealed record Line(string Name, IReadOnlyList<int> Values);

    /// <summary>Colours of the lines in order (dark red, blue, green), distinguishable in grey print by their dashes.</summary>
    private static readonly (string Colour, string Dash)[] LineStyles = [("#9b2c2c", ""), ("#2f5d8a", "6 3"), ("#2e7d32", "2 2")];

    /// <summary>
    /// One or more series over time (a daily, weekly or monthly count) as lines on one time axis, the days in order,
    /// each value placed at its day; the axis from the first day to the last, from zero to the largest value, with
    /// year (or month) ticks. A legend names the lines when there are several.
    /// </summary>
    public static string Lines(
        string id,
        string title,
        string description,
        IReadOnlyList<DateOnly> days,
        IReadOnlyList<Line> lines,
        CultureInfo? culture = null,
        Func<int, string>? format = null
    )
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(lines);
        culture ??= CultureInfo.InvariantCulture;
        format ??= v => v.ToString("N0", CultureInfo.InvariantCulture);
        var height = PlotTop + PlotHeight + 30;
        var svg = Open(id, title, description, SeriesWidth, height, "lines");
        if (days.Count == 0)
        {
            return svg.Append("</svg>").ToString();
        }
        var start = days[0];
        var end = days[^1] > start ? days[^1] : start.AddDays(1);
        double X(DateOnly day) =>
            Math.Round(
                PlotLeft + (double)(PlotRight - PlotLeft) * (day.DayNumber - start.DayNumber) / (end.DayNumber - start.DayNumber),
                2
            );
        var baseline = PlotTop + PlotHeight;
        var max = lines.SelectMany(l => l.Values).DefaultIfEmpty(0).Max();
        svg.Append(
            Inv($"<line class=\"axis\" x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{baseline}\" y2=\"{baseline}\" stroke=\"#5b6474\" />")
        );
        svg.Append(
            Inv(
                $"<text class=\"max\" x=\"{PlotLeft - 4}\" y=\"{PlotTop + 10}\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6474\">{Escape(format(max))}</text>"
            )
        );
        svg.Append(
            Inv(
                $"<text class=\"min\" x=\"{PlotLeft - 4}\" y=\"{baseline}\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6474\">{Escape(format(0))}</text>"
            )
        );
        svg.Append(
            Inv(
                $"<line class=\"grid\" x1=\"{PlotLeft}\" x2=\"{PlotRight}\" y1=\"{PlotTop}\" y2=\"{PlotTop}\" stroke=\"#d5dae1\" stroke-dasharray=\"2 3\" />"
            )
        );
        foreach (var (tick, text) in Ticks(start, end, culture))
        {
            var x = X(tick);
            svg.Append(Inv($"<line class=\"tick\" x1=\"{x}\" x2=\"{x}\" y1=\"{baseline}\" y2=\"{baseline + 5}\" stroke=\"#5b6474\" />"));
            svg.Append(
                Inv(
                    $"<text class=\"tick\" x=\"{x}\" y=\"{baseline + 18}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6474\">{Escape(text)}</text>"
                )
            );
        }
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            var (colour, dash) = LineStyles[n % LineStyles.Length];
            var points = new StringBuilder();
            for (var i = 0; i < days.Count && i < line.Values.Count; i++)
            {
                points.Append(Inv($"{X(days[i])},{Math.Round(baseline - ColumnHeight(line.Values[i], max), 2)} "));
            }
            var dashes = dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"";
            svg.Append(
                Inv(
                    $"<polyline class=\"line\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"{dashes} points=\"{points.ToString().TrimEnd()}\"><title>{Escape(line.Name)}</title></polyline>"
                )
            );
            if (lines.Count > 1)
            {
                var lx = PlotLeft + 10 + n * 220;
                svg.Append(
                    Inv(
                        $"<line class=\"legend\" x1=\"{lx}\" x2=\"{lx + 24}\" y1=\"20\" y2=\"20\" stroke=\"{colour}\" stroke-width=\"2\"{dashes} />"
                    )
                );
                svg.Append(
                    Inv($"<text class=\"legend\" x=\"{lx + 30}\" y=\"24\" font-size=\"12\" fill=\"#1d2430\">{Escape(line.Name)}</text>")
                );
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The height of a week's column: proportional to its count, the largest count filling the plot.</summary>
    public static double ColumnHeight(int value, int max) => max <= 0 ? 0 : Math.Round((double)PlotHeight * Math.Max(0, value) / max, 2);

    /// <summary>The Monday of the week a day falls in.</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The axis: from the Monday of the first day to the Monday after the last week (at least a week long).</summary>
    private static (DateOnly Start, DateOnly End) Span(List<DateOnly> days)
    {
        var start = Monday(days.Min());
        var end = Monday(days.Max()).AddDays(7);
        return (start, end);
    }

    private static IEnumerable<(DateOnly Day, string Text)> Ticks(DateOnly start, DateOnly end, CultureInfo culture)
    {
        var months = (end.Year - start.Year) * 12 + end.Month - start.Month;
        if (months < 24)
        {
            var step = months <= 8 ? 1 : 3;
            for (var d = new DateOnly(start.Year, start.Month, 1).AddMonths(1); d <= end; d = d.AddMonths(step))
            {
                yield return (d, d.ToString("MMM yyyy", culture));
            }
            yield break;
        }
        var years = end.Year - start.Year;
        var yearStep =
            years <= 12 ? 1
            : years <= 30 ? 5
            : 10;
        for (var y = start.Year + 1; y <= end.Year; y += yearStep)
        {
            yield return (new DateOnly(y, 1, 1), y.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static string Colour(string kind) =>
        kind switch
        {
            "update" => "#1f6f8b",
            "close" => "#2e7d32",
            _ => "#9b2c2c",
        };

    private static StringBuilder Open(string id, string title, string description, int width, int height, string kind)
    {
        var svg = new StringBuilder();
        var safeId = Escape(id);
        svg.Append(
            Inv(
                $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart {kind}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{safeId}-title {safeId}-desc\">"
            )
        );
        svg.Append(Inv($"<title id=\"{safeId}-title\">{Escape(title)}</title><desc id=\"{safeId}-desc\">{Escape(description)}</desc>"));
        return svg;
    }

    /// <summary>Escapes text for SVG inside HTML. Khmer, Thai and every other script stay as characters.</summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(
                c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    '\'' => "&#39;",
                    _ when char.IsControl(c) => " ",
                    _ => c.ToString(),
                }
            );
        }
        return result.ToString();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
