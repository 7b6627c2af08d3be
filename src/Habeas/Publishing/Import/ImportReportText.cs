using System.Globalization;
using System.Text;
using System.Text.Json;
using Habeas.Core.Import;

namespace Habeas.Publishing.Import;

/// <summary>The report written at the end of an import: JSON (the API's answer too), or Markdown for people.</summary>
public static class ImportReportText
{
    public static string Json(ImportReport report) => JsonSerializer.Serialize(report, ImportMapping.Json);

    public static string Markdown(ImportReport report)
    {
        var c = report.Counts;
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine(inv, $"# Import report: {report.File}");
        s.AppendLine();
        s.AppendLine(
            inv,
            $"- SHA-256: `{report.Sha256}`, format {report.Format}{(report.System is null ? "" : $", ids from {report.System}")}"
        );
        s.AppendLine(
            inv,
            $"- {(report.DryRun ? "Dry run: nothing written." : report.Written ? "Written." : "Nothing written: the file has problems.")} {report.Seconds:0.###} s, started {report.StartedAt:u}"
        );
        s.AppendLine(
            inv,
            $"- Rows {c.Rows}: {c.Created} people created, {c.Updated} updated, {c.Unchanged} unchanged; events {c.EventsCreated} created, {c.EventsUpdated} updated; sources {c.SourcesCreated} created, citations {c.CitationsCreated}; places {c.PlacesCreated} created"
        );
        if (report.UnmappedColumns.Count > 0)
        {
            s.AppendLine(
                inv,
                $"- Columns not imported (map them, or map them to null to ignore them): {string.Join(", ", report.UnmappedColumns)}"
            );
        }
        s.AppendLine();
        s.AppendLine(inv, $"## Problems ({report.Problems.Count})");
        s.AppendLine();
        if (report.Problems.Count > 0)
        {
            s.AppendLine("| line | column | value | problem |");
            s.AppendLine("|---|---|---|---|");
            foreach (var p in report.Problems)
            {
                s.AppendLine(inv, $"| {p.Line} | {Cell(p.Column)} | {Cell(p.Value)} | {Cell(p.Message)} |");
            }
            s.AppendLine();
        }
        s.AppendLine(inv, $"## Possible duplicates ({report.PossibleDuplicates.Count})");
        s.AppendLine();
        foreach (var d in report.PossibleDuplicates)
        {
            s.AppendLine(
                inv,
                $"- line {d.Line}: {d.Name} ({d.PersonId}) may be {string.Join("; ", d.Matches.Select(m => $"{m.DisplayName} ({m.Id}, {m.Score})"))}"
            );
        }
        return s.ToString();
    }

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
