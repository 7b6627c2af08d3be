using System.Globalization;
using System.Xml.Linq;
using Habeas.Core.Charts;

namespace Habeas.Core.Tests.Charts;

public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Parse(string svg) => XElement.Parse(svg);

    private static double Attr(XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);

    [Fact]
    public void Bars_AreProportionalToTheirValues_AndLabelled()
    {
        var svg = Parse(
            SvgCharts.Bars("c", "By channel", "Letters and faxes", [new Bar("Letter", 3000), new Bar("Fax", 1500), new Bar("Email", 300)])
        );

        var bars = svg.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "bar").ToList();
        Assert.Equal(3, bars.Count);
        Assert.Equal(SvgCharts.MaxBarLength, Attr(bars[0], "width"));
        Assert.Equal(SvgCharts.MaxBarLength / 2.0, Attr(bars[1], "width"));
        Assert.Equal(SvgCharts.MaxBarLength / 10.0, Attr(bars[2], "width"), 2);
        var labels = svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "label").Select(t => t.Value).ToList();
        Assert.Equal(["Letter", "Fax", "Email"], labels);
        Assert.Contains("3,000", svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "value").Select(t => t.Value));
    }

    [Fact]
    public void Charts_AreImages_WithTitleDescriptionAndViewBox_AndNoScript()
    {
        var text = SvgCharts.Bars("by-target", "By target", "Counts by target", [new Bar("A", 1)]);
        var svg = Parse(text);

        Assert.Equal("img", svg.Attribute("role")!.Value);
        Assert.Equal("by-target-title by-target-desc", svg.Attribute("aria-labelledby")!.Value);
        Assert.Equal("By target", svg.Element(Svg + "title")!.Value);
        Assert.Equal("Counts by target", svg.Element(Svg + "desc")!.Value);
        Assert.StartsWith("0 0 ", svg.Attribute("viewBox")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("script", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("font-family", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyData_GivesAnEmptyButValidChart()
    {
        var bars = Parse(SvgCharts.Bars("e", "Nothing", "Nothing sent yet", []));
        Assert.Empty(bars.Descendants(Svg + "rect"));
        var weekly = Parse(SvgCharts.Weekly("w", "Nothing", "Nothing sent yet", new Dictionary<DateOnly, int>(), []));
        Assert.Empty(weekly.Descendants(Svg + "rect"));
        Assert.Equal("img", weekly.Attribute("role")!.Value);
        // All zero: no bar longer than nothing, no division by zero.
        var zero = Parse(SvgCharts.Bars("z", "Zero", "Zero", [new Bar("Letter", 0)]));
        Assert.Equal(0, Attr(zero.Descendants(Svg + "rect").Single(), "width"));
    }

    [Fact]
    public void KhmerLabels_StayText_AndMarkupInLabelsIsEscaped()
    {
        var text = SvgCharts.Bars(
            "k",
            "តាមមធ្យោបាយ",
            "<script>alert(1)</script>",
            [new Bar("លិខិត", 5), new Bar("<b>\"Fax\" & co</b>", 2)]
        );
        var svg = Parse(text);

        Assert.Contains("លិខិត", text, StringComparison.Ordinal);
        Assert.Contains("តាមមធ្យោបាយ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", text, StringComparison.Ordinal);
        Assert.Contains("<b>\"Fax\" & co</b>", svg.Descendants(Svg + "text").Select(t => t.Value));
        Assert.Equal("<script>alert(1)</script>", svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public void Weekly_ColumnsAreProportional_OnOneTimeAxis_WithEmptyWeeksAndMarkers()
    {
        var weeks = new Dictionary<DateOnly, int> { [new(2002, 11, 25)] = 40, [new(2002, 12, 9)] = 10 };
        var markers = new[]
        {
            new Marker(new(2003, 5, 2), "UNHCR recognises him", "update"),
            new Marker(new(2002, 11, 20), "Hearing <closed>", "event"),
        };
        var text = SvgCharts.Weekly("t", "Outreach and events", "Weekly", weeks, markers);
        var svg = Parse(text);

        var columns = svg.Descendants(Svg + "rect").Where(r => r.Attribute("class")?.Value == "week").ToList();
        Assert.Equal(2, columns.Count);
        Assert.Equal(SvgCharts.PlotHeight, Attr(columns[0], "height"));
        Assert.Equal(SvgCharts.PlotHeight / 4.0, Attr(columns[1], "height"));
        // Both stand on the baseline; the later week is further right, two weeks on.
        Assert.Equal(Attr(columns[0], "y") + Attr(columns[0], "height"), Attr(columns[1], "y") + Attr(columns[1], "height"));
        Assert.True(Attr(columns[1], "x") > Attr(columns[0], "x"));
        // Markers numbered in date order: the hearing (before the first letters) starts the axis.
        var marks = svg.Descendants(Svg + "g")
            .Where(g => g.Attribute("class")!.Value.StartsWith("marker", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(2, marks.Count);
        Assert.StartsWith("1. Hearing <closed>", marks[0].Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Equal("marker update", marks[1].Attribute("class")!.Value);
        // Marks on the same day are drawn one above the other, not on top of each other.
        var same = Parse(
            SvgCharts.Weekly(
                "s",
                "t",
                "d",
                weeks,
                [new Marker(new(2004, 2, 26), "Release", "event"), new Marker(new(2004, 2, 26), "Closed", "close")]
            )
        );
        var circles = same.Descendants(Svg + "circle").ToList();
        Assert.Equal(Attr(circles[0], "cx"), Attr(circles[1], "cx"));
        Assert.Equal(SvgCharts.MarkerSpacing, Attr(circles[0], "cy") - Attr(circles[1], "cy"));
        Assert.True(Attr(marks[0].Element(Svg + "circle")!, "cx") < Attr(columns[0], "x"));
        // Under two years: month ticks.
        Assert.Contains("Jan 2003", svg.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Weekly_OverYears_TicksYears_InTheReadersCalendarLanguage()
    {
        var weeks = new Dictionary<DateOnly, int> { [new(2000, 1, 3)] = 1, [new(2004, 2, 23)] = 2 };
        var svg = Parse(SvgCharts.Weekly("y", "t", "d", weeks, [], CultureInfo.GetCultureInfo("km")));
        var ticks = svg.Descendants(Svg + "text").Where(t => t.Attribute("class")?.Value == "tick").Select(t => t.Value).ToList();
        Assert.Equal(["2001", "2002", "2003", "2004"], ticks);
        Assert.Contains("2004", svg.Descendants(Svg + "rect").Last().Element(Svg + "title")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Monday_IsTheStartOfTheWeek() => Assert.Equal(new DateOnly(2002, 11, 25), SvgCharts.Monday(new DateOnly(2002, 12, 1)));
}
