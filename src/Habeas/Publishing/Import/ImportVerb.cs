using System.CommandLine;
using Habeas.Core.Import;
using Habeas.Platform.Cli;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Spectre.Console;

namespace Habeas.Publishing.Import;

/// <summary>
/// <c>habeas import PATH [--format csv|json] [--map MAPFILE] [--dry-run] [--report FILE]</c>: people, events and sources
/// from a file (docs/import.md), whole or not at all; a directory written by <c>export --format json</c> is taken back
/// whole (Export/DirectoryImport). Exit 0 imported (or a clean dry run), 1 problems found (nothing written), 2 usage.
/// </summary>
public static class ImportVerb
{
    public static Command Command(Option<string?> data, Option<string?> database, AuditVerbs.Opener open)
    {
        var path = new Argument<string>("PATH") { Description = "A CSV or JSON file, or a directory written by 'export --format json'." };
        var format = new Option<string?>("--format") { Description = "csv or json (default: the mapping's, else the file's extension)." };
        var map = new Option<string?>("--map")
        {
            Description = "A mapping file (JSON): header → field, constants, id system, date formats (docs/import.md).",
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Check everything and report every problem by line and column; write nothing.",
        };
        var reportFile = new Option<string?>("--report")
        {
            Description = "Where to write the report (.json or .md). Default: PATH.report.json.",
        };
        var noDuplicates = new Option<bool>("--no-duplicate-check")
        {
            Description = "Skip looking up each new person's names among the people already recorded.",
            Hidden = true,
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var command = new Command(
            "import",
            "Import people with their events and sources from CSV or JSON (docs/import.md); the same file twice changes nothing."
        )
        {
            path,
            format,
            map,
            dryRun,
            reportFile,
            noDuplicates,
            data,
            database,
        };
        command.SetAction(
            async (result, cancellationToken) =>
            {
                var file = result.GetValue(path)!;
                if (Directory.Exists(file))
                {
                    await using var directoryDb = open(result, out var directoryStorage);
                    return await Export.DirectoryImport.RunAsync(directoryDb, directoryStorage, file, Console.Out, cancellationToken);
                }
                if (!System.IO.File.Exists(file))
                {
                    await Console.Error.WriteLineAsync($"There is no file or directory {file}.");
                    return 2;
                }
                ImportMapping mapping;
                try
                {
                    mapping = result.GetValue(map) is { } mapFile
                        ? ImportMapping.Parse(await System.IO.File.ReadAllTextAsync(mapFile, cancellationToken))
                        : new ImportMapping();
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"The mapping file cannot be used: {e.Message}");
                    return 2;
                }
                await using var db = open(result, out var storage);
                db.Actor = $"{Environment.UserName} (command line)";
                await Migrator.MigrateAsync(db, cancellationToken);
                await Vocabularies.SeedAsync(db, cancellationToken);
                await Habeas.Records.Deadlines.ShippedLimits.SeedAsync(db, cancellationToken);
                using var services = CliServices.Build(storage);
                using var index = result.GetValue(noDuplicates) ? null : new Habeas.Records.Search.PeopleNameIndex();
                var importer = new Importer(db, new Vocabularies(services.GetRequiredService<IServiceScopeFactory>()), index);
                await using var content = System.IO.File.OpenRead(file);
                var request = new ImportRequest(
                    file,
                    content,
                    result.GetValue(format),
                    mapping,
                    result.GetValue(dryRun),
                    index is not null
                );
                var report = await RunWithProgressAsync(importer, request, file, cancellationToken);

                var reportPath = result.GetValue(reportFile) ?? file + ".report.json";
                await System.IO.File.WriteAllTextAsync(
                    reportPath,
                    reportPath.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                        ? ImportReportText.Markdown(report)
                        : ImportReportText.Json(report),
                    cancellationToken
                );
                Summarise(report, reportPath);
                return report.ExitCode;
            }
        );
        return command;
    }

    /// <summary>A progress bar on a terminal; a line every 10,000 rows when the output goes to a file or a pipe.</summary>
    private static async Task<ImportReport> RunWithProgressAsync(
        Importer importer,
        ImportRequest request,
        string file,
        CancellationToken cancellationToken
    )
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = 0;
            var plain = new Progress<int>(rows =>
            {
                if (rows / 10_000 > last / 10_000)
                {
                    Console.WriteLine($"{rows:N0} rows read");
                }
                last = rows;
            });
            return await importer.RunAsync(request, plain, cancellationToken);
        }
        var lines = await CountLinesAsync(file, cancellationToken);
        ImportReport? report = null;
        await AnsiConsole
            .Progress()
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn()
            )
            .StartAsync(async context =>
            {
                var task = context.AddTask(request.DryRun ? "Checking" : "Importing", maxValue: Math.Max(1, lines));
                task.IsIndeterminate = request.Format == "json" || file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
                report = await importer.RunAsync(
                    request,
                    new Progress<int>(rows => task.Value = Math.Min(rows, task.MaxValue)),
                    cancellationToken
                );
                task.Value = task.MaxValue;
            });
        return report!;
    }

    private static async Task<long> CountLinesAsync(string file, CancellationToken cancellationToken)
    {
        await using var stream = System.IO.File.OpenRead(file);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return Math.Max(0, lines - 1);
    }

    private static void Summarise(ImportReport report, string reportPath)
    {
        var c = report.Counts;
        Console.WriteLine(
            $"{report.File}: {c.Rows} rows; people {c.Created} created, {c.Updated} updated, {c.Unchanged} unchanged; events {c.EventsCreated} created, {c.EventsUpdated} updated; sources {c.SourcesCreated}, citations {c.CitationsCreated}, places {c.PlacesCreated} created ({report.Seconds:0.##} s)."
        );
        if (report.UnmappedColumns.Count > 0)
        {
            Console.WriteLine(
                $"Columns not imported: {string.Join(", ", report.UnmappedColumns)} (map them, or map them to null in the mapping file)."
            );
        }
        if (report.PossibleDuplicates.Count > 0)
        {
            Console.WriteLine($"{report.PossibleDuplicates.Count} new people have names matching people already recorded: see the report.");
        }
        foreach (var p in report.Problems.Take(20))
        {
            Console.Error.WriteLine($"line {p.Line}, {p.Column}{(p.Value is null ? "" : $" = \"{p.Value}\"")}: {p.Message}");
        }
        if (report.Problems.Count > 20)
        {
            Console.Error.WriteLine($"… and {report.Problems.Count - 20} more problems.");
        }
        Console.WriteLine(
            report.Problems.Count > 0 ? $"{report.Problems.Count} problems: nothing was written. Report: {reportPath}"
            : report.DryRun ? $"Dry run: no problems, nothing written. Report: {reportPath}"
            : $"Imported. Report: {reportPath}"
        );
    }
}

/// <summary>The few services a command-line verb needs from the application's container (the vocabulary cache reads through a
/// scope).</summary>
internal static class CliServices
{
    public static ServiceProvider Build(StorageOptions storage)
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<HabeasDb>(options => storage.Configure(options));
        return services.BuildServiceProvider();
    }
}
