using System.Globalization;
using System.Xml.Linq;
using Habeas.Core.Charts;

namespace Habeas.Core.Tests.Charts;

/// <summary>
/// B14 of the user trial: long category labels (officials' names, charges) were cut off on the left of bar charts,
/// because the labels were right-aligned against a fixed 200-unit margin. The margin now fits the longest label; a label
/// too long for any margin is shortened with "…" and keeps its full text in a title.
/// </summary>
public sealed class BarChartLabelTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>A generous lower bound of a 13-unit sans-serif label's width: 6 units a character.</summary>
    private static double AtLeast(string label) => 6 * new StringInfo(label).LengthInTextElements;

    [Fact]
    public void ALongLabel_StartsInsideTheChart_AndEndsBeforeItsBar()
    {
        var longest = "H.E. the Minister of Interior and Deputy Prime Minister";
        var svg = XDocument.Parse(SvgCharts.Bars("sent", "Sent by official", "Letters", [new Bar(longest, 12), new Bar("Court", 3)]));
        var label = svg.Descendants(Svg + "text").First(t => t.Attribute("class")?.Value == "label");
        var bar = svg.Descendants(Svg + "rect").First(r => r.Attribute("class")?.Value == "bar");
        var end = double.Parse(label.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal("end", label.Attribute("text-anchor")!.Value);
        Assert.Equal(longest, label.Nodes().OfType<XText>().Single().Value);
        Assert.True(end - AtLeast(longest) >= 0, $"the label starts at {end - AtLeast(longest)}, left of the chart");
        Assert.True(end < double.Parse(bar.Attribute("x")!.Value, CultureInfo.InvariantCulture));
        var width = double.Parse(svg.Root!.Attribute("viewBox")!.Value.Split(' ')[2], CultureInfo.InvariantCulture);
        var barEnd =
            double.Parse(bar.Attribute("x")!.Value, CultureInfo.InvariantCulture)
            + double.Parse(bar.Attribute("width")!.Value, CultureInfo.InvariantCulture);
        Assert.True(barEnd + 60 <= width, "no room for the number after the longest bar");
    }

    [Fact]
    public void ALabelTooLongForAnyMargin_IsShortened_WithItsFullTextInATitle()
    {
        var huge = string.Concat(Enumerable.Repeat("Article 494 and 495 of the Criminal Code (incitement) ", 4)).Trim();
        var svg = XDocument.Parse(SvgCharts.Bars("charges", "By charge", "People", [new Bar(huge, 5)]));
        var label = svg.Descendants(Svg + "text").First(t => t.Attribute("class")?.Value == "label");
        var shown = label.Nodes().OfType<XText>().Single().Value;
        var end = double.Parse(label.Attribute("x")!.Value, CultureInfo.InvariantCulture);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.True(end - AtLeast(shown) >= 0);
        Assert.Equal(huge, label.Element(Svg + "title")!.Value);
    }
}
