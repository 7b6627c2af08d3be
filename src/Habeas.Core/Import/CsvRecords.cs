using System.Text;

namespace Habeas.Core.Import;

/// <summary>One record of a CSV file: the fields and the line it starts on (1 is the first line of the file).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads CSV as RFC 4180 writes it (quoted fields may hold the delimiter, doubled quotes and line breaks), with any
/// one-character delimiter, a leading byte-order mark ignored and CRLF or LF line ends. A quote left open at the end
/// of the file is an error naming the line it opened on.
/// </summary>
public static class CsvRecords
{
    /// <summary>Guesses the delimiter from the header line: the commonest of comma, semicolon and tab outside quotes.</summary>
    public static char GuessDelimiter(string headerLine)
    {
        var counts = new Dictionary<char, int>
        {
            [','] = 0,
            [';'] = 0,
            ['\t'] = 0,
        };
        var quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && counts.TryGetValue(c, out var n))
            {
                counts[c] = n + 1;
            }
        }
        return counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key == ',' ? 0 : 1).First().Key;
    }

    public static IEnumerable<CsvRecord> Read(TextReader reader, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var afterQuote = false;
        var any = false;
        var first = true;
        int read;
        while ((read = reader.Read()) >= 0)
        {
            var c = (char)read;
            if (first)
            {
                first = false;
                if (c == '\uFEFF')
                {
                    continue;
                }
            }
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                        afterQuote = true;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0 && !afterQuote)
            {
                quoted = true;
                any = true;
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
                any = true;
                continue;
            }
            if (c is '\r' or '\n')
            {
                if (c == '\r' && reader.Peek() == '\n')
                {
                    reader.Read();
                }
                if (any || field.Length > 0)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(start, fields.ToArray());
                }
                fields.Clear();
                field.Clear();
                afterQuote = false;
                any = false;
                line++;
                start = line;
                continue;
            }
            // Text after a closing quote ("a"b) is kept, as spreadsheet programs do.
            field.Append(c);
            any = true;
        }
        if (quoted)
        {
            throw new FormatException($"A quoted field opened on line {start} is never closed.");
        }
        if (any || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(start, fields.ToArray());
        }
    }
}
