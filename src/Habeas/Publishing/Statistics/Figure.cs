using System.Globalization;
using System.Text;
using Habeas.Core.Export;
using Habeas.Core.Statistics;

namespace Habeas.Publishing.Statistics;

/// <summary>One line of a figure: a key (a day, a month, a vocabulary code, a provision), its label in the reader's
/// language, its values (in the order of <see cref="Figure.ValueHeaders"/>) and the query string of the records behind it.</summary>
public sealed record FigureRow(string Key, string Label, IReadOnlyList<double?> Values, string RecordsQuery);

/// <summary>
/// A published number, whatever its shape: the rows of its table, how it was counted, the range and which records it
/// was counted from (the shared timeline for staff, published records only for the public edition). The page draws
/// it as a chart with its table; the CSV and JSON downloads write the same rows.
/// </summary>
public sealed record Figure(
    string Id,
    string Title,
    string HowCounted,
    string KeyHeader,
    IReadOnlyList<string> ValueHeaders,
    IReadOnlyList<FigureRow> Rows,
    FigureRange Range,
    bool Published,
    DateTimeOffset GeneratedAt
)
{
    /// <summary>The figures every edition offers, in page order.</summary>
    public static readonly string[] Ids =
    [
        "detained",
        "arrests-releases",
        "by-charge",
        "by-place",
        "by-tag",
        "by-designation",
        "time-detained",
    ];

    /// <summary>Figures whose rows are dates on a time axis (drawn as lines); the others are categories (drawn as bars).</summary>
    private static readonly string[] KeyColumns = ["key", "label"];

    public bool IsSeries => Id is "detained" or "arrests-releases";

    public string Edition => Published ? "public" : "internal";

    /// <summary>The rows as CSV: a header comment (# lines) saying what was counted and how, then a header row and the rows,
    /// numbers invariant. The key column is the machine key (a day, a month, a code), the label column the reader's text.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append("# ").Append(Title).Append('\n');
        foreach (var line in HowCounted.Split('\n'))
        {
            csv.Append("# ").Append(line).Append('\n');
        }
        csv.Append("# edition: ")
            .Append(Edition)
            .Append("; ")
            .Append(Range.Query())
            .Append("; generated ")
            .Append(GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Append('\n');
        csv.Append(string.Join(',', KeyColumns.Concat(ValueHeaders).Select(CsvText.Cell))).Append('\n');
        foreach (var row in Rows)
        {
            // Text cells (a charge description a monitor typed becomes a label) go through the one CSV cell rule that
            // makes formulas inert; the values are numbers this code formatted itself.
            csv.Append(string.Join(',', new[] { row.Key, row.Label }.Select(CsvText.Cell).Concat(row.Values.Select(Number))))
                .Append('\n');
        }
        return csv.ToString();
    }

    public static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The JSON shape of a figure (the API answer and the .json download).</summary>
    public object ToJson(string recordsBase) =>
        new
        {
            figure = Id,
            title = Title,
            howCounted = HowCounted,
            edition = Edition,
            from = Range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to = Range.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            interval = Series.Code(Range.Interval),
            measure = Series.Code(Range.Measure),
            on = Range.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            generatedAt = GeneratedAt,
            columns = ValueHeaders,
            rows = Rows.Select(r => new
            {
                key = r.Key,
                label = r.Label,
                values = r.Values,
                records = $"{recordsBase}/{Id}/records?{r.RecordsQuery}",
            }),
        };
}
