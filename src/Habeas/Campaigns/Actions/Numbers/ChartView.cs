using System.Globalization;
using Habeas.Core.Charts;
using Habeas.Platform.Localization;

namespace Habeas.Campaigns.Actions.Numbers;

/// <summary>A chart and the table of the same numbers shown beside it (for screen readers, print and copying).</summary>
public sealed record ChartView(
    string Id,
    string Caption,
    string Svg,
    string LabelHeader,
    string ValueHeader,
    IReadOnlyList<(string Label, string Value)> Rows
)
{
    /// <summary>Bars of counts by category, with their table.</summary>
    public static ChartView Bars(
        string id,
        string caption,
        string description,
        string labelHeader,
        string valueHeader,
        IReadOnlyList<Bar> bars
    ) =>
        new(
            id,
            caption,
            SvgCharts.Bars(id, caption, description, bars, Display.Number),
            labelHeader,
            valueHeader,
            bars.Select(b => (b.Label, Display.Number(b.Value))).ToList()
        );

    /// <summary>Weekly counts with dated markers on one axis; the table lists the weeks and the numbered markers in date order.</summary>
    public static ChartView Weekly(
        string id,
        string caption,
        string description,
        string labelHeader,
        string valueHeader,
        IReadOnlyDictionary<DateOnly, int> weeks,
        IReadOnlyList<Marker> markers,
        Texts texts
    )
    {
        var culture = CultureInfo.CurrentCulture;
        var number = 0;
        var rows = markers
            .OrderBy(m => m.Day)
            .Select(m => (Day: m.Day, Label: $"{++number}. {m.Label}", Value: ""))
            .Concat(
                weeks.Select(w => (Day: w.Key, Label: texts.Format("numbers.weekOf", Display.Day(w.Key)), Value: Display.Number(w.Value)))
            )
            .OrderBy(r => r.Day)
            .Select(r => (r.Label, r.Value))
            .ToList();
        return new(
            id,
            caption,
            SvgCharts.Weekly(id, caption, description, weeks, markers, culture, Display.Number),
            labelHeader,
            valueHeader,
            rows
        );
    }
}
