using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Habeas.Platform.Shared;

/// <summary>
/// Every table's body cells carry their column's heading as <c>data-label</c>, so that on a phone, where site.css shows
/// each row as a block of stacked cells, every value is shown beside what it is (the heading row is then hidden from sight
/// but stays for screen readers). Done once here, on the rendered table, rather than by hand in every page.
/// </summary>
[HtmlTargetElement("table")]
public sealed partial class TableCellLabels : TagHelper
{
    /// <summary>After the other tag helpers, on the table's final content.</summary>
    public override int Order => 1000;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var content = (await output.GetChildContentAsync()).GetContent();
        output.Content.SetHtmlContent(Label(content));
    }

    /// <summary>The table's inner HTML with <c>data-label="heading"</c> on each cell outside the head that has no label
    /// yet and whose column has a heading (colspans counted). A table within a table is left as it is.</summary>
    public static string Label(string html)
    {
        var head = Head().Match(html);
        if (!head.Success || html.Contains("<table", StringComparison.OrdinalIgnoreCase))
        {
            return html;
        }
        var rows = Row().Matches(head.Groups["body"].Value);
        if (rows.Count == 0)
        {
            return html;
        }
        var headings = new List<string>();
        foreach (Match cell in Cell().Matches(rows[^1].Groups["body"].Value))
        {
            var text = Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(cell.Groups["body"].Value, " ")), " ").Trim();
            for (var i = 0; i < Span(cell.Groups["attributes"].Value); i++)
            {
                headings.Add(text);
            }
        }
        if (headings.All(h => h.Length == 0))
        {
            return html;
        }
        var result = new StringBuilder(html.Length + 64);
        result.Append(html, 0, head.Index + head.Length);
        var rest = html[(head.Index + head.Length)..];
        result.Append(
            Row()
                .Replace(rest, row =>
                {
                    var column = 0;
                    var labelled = Opening()
                        .Replace(row.Groups["body"].Value, opening =>
                        {
                            var attributes = opening.Groups["attributes"].Value;
                            var at = column;
                            column += Span(attributes);
                            if (
                                attributes.Contains("data-label", StringComparison.Ordinal)
                                || at >= headings.Count
                                || headings[at].Length == 0
                            )
                            {
                                return opening.Value;
                            }
                            return $"<{opening.Groups["tag"].Value} data-label=\"{WebUtility.HtmlEncode(headings[at])}\"{attributes}>";
                        });
                    var opening = row.Groups["body"].Index - row.Index;
                    return row.Value[..opening] + labelled + row.Value[(opening + row.Groups["body"].Length)..];
                })
        );
        return result.ToString();
    }

    private static int Span(string attributes) =>
        ColSpan().Match(attributes) is { Success: true } span && int.TryParse(span.Groups[1].Value, out var n) && n is > 0 and < 100
            ? n
            : 1;

    [GeneratedRegex(@"<thead\b[^>]*>(?<body>.*?)</thead>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Head();

    [GeneratedRegex(@"<tr\b[^>]*>(?<body>.*?)</tr>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Row();

    [GeneratedRegex(@"<(?<tag>th|td)\b(?<attributes>[^>]*)>(?<body>.*?)</\k<tag>>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<(?<tag>th|td)\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Opening();

    [GeneratedRegex(@"colspan\s*=\s*""?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ColSpan();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
