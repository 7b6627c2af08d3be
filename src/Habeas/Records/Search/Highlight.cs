using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Habeas.Core.Names;
using Microsoft.AspNetCore.Html;

namespace Habeas.Records.Search;

/// <summary>Marks the words of a text that a search matched (a word matches when its folded form begins with a
/// searched word), and cuts a long text to the part around the first match.</summary>
public static class Highlight
{
    public const int SnippetLength = 220;

    // Khmer and Thai written as characters, as the rest of the page is (HabeasApp's WebEncoderOptions).
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The text, HTML-encoded, with matched words in &lt;mark&gt;.</summary>
    public static IHtmlContent Html(string? text, IReadOnlyList<string> words)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HtmlString.Empty;
        }
        var html = new StringBuilder(text.Length + 32);
        var at = 0;
        foreach (var (start, end) in Matches(text, words))
        {
            html.Append(Encoder.Encode(text[at..start]));
            html.Append("<mark>").Append(Encoder.Encode(text[start..end])).Append("</mark>");
            at = end;
        }
        html.Append(Encoder.Encode(text[at..]));
        return new HtmlString(html.ToString());
    }

    /// <summary>Where the matched words are.</summary>
    public static IReadOnlyList<(int Start, int End)> Matches(string text, IReadOnlyList<string> words)
    {
        if (words.Count == 0)
        {
            return [];
        }
        return IcuText
            .WordSpans(text)
            .Where(span =>
            {
                var folded = NameFolding.Fold(text[span.Start..span.End]);
                return words.Any(w => folded.StartsWith(w, StringComparison.Ordinal));
            })
            .ToList();
    }

    /// <summary>At most <see cref="SnippetLength"/> characters of the text, around its first match.</summary>
    public static string Snippet(string? text, IReadOnlyList<string> words)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= SnippetLength)
        {
            return text ?? "";
        }
        var first = Matches(text, words).Select(m => m.Start).DefaultIfEmpty(0).First();
        var start = Math.Max(0, Math.Min(first - SnippetLength / 3, text.Length - SnippetLength));
        var space = start == 0 ? 0 : text.IndexOf(' ', start);
        if (space > start && space < first)
        {
            start = space + 1;
        }
        var end = Math.Min(text.Length, start + SnippetLength);
        return (start > 0 ? "… " : "") + text[start..end].Trim() + (end < text.Length ? " …" : "");
    }
}
