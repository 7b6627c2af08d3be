using System.Text;

namespace Habeas.Core.Export;

/// <summary>
/// RFC 4180 CSV: fields separated by commas, records by CRLF; a field holding a comma, quote, CR or LF is quoted and
/// its quotes doubled. A cell that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR
/// before one) is prefixed with an apostrophe, as OWASP advises against CSV injection.
/// </summary>
public static class CsvText
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    /// <summary>A CSV file's bytes: UTF-8 with a byte-order mark first. Without it Excel on Windows reads the file in
    /// the machine's code page and shows Khmer and Thai as mojibake (docs/export.md).</summary>
    public static byte[] FileBytes(string csv) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(csv)];

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }
        return value.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static void AppendRecord(StringBuilder builder, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                builder.Append(',');
            }
            builder.Append(Cell(cell));
            first = false;
        }
        builder.Append("\r\n");
    }
}
