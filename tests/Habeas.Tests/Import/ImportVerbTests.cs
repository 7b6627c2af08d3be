using System.Text.Json;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

public sealed class ImportVerbTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ImportVerb_DryRunsImportsAndReimports_WritingTheReportFile_WithExitCodes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var where = database.CliArguments;
        var dir = database.DataDirectory;
        var csv = Path.Combine(dir, "list.csv");
        var map = Path.Combine(dir, "list.mapping.json");
        await File.WriteAllTextAsync(csv, Imports.OddCsv);
        await File.WriteAllTextAsync(map, Imports.OddMapping);

        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["import", csv, "--map", map, "--dry-run", .. where]));
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(csv + ".report.json")))
        {
            Assert.True(report.RootElement.GetProperty("dryRun").GetBoolean());
            Assert.Equal(3, report.RootElement.GetProperty("counts").GetProperty("created").GetInt32());
            Assert.Equal("Notes", report.RootElement.GetProperty("unmappedColumns")[0].GetString());
        }
        await using (var db = SchemaTests.Open(database))
        {
            Assert.Equal(0, await db.People.CountAsync());
        }

        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["import", csv, "--map", map, .. where]));
        var markdown = Path.Combine(dir, "second.md");
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["import", csv, "--map", map, "--report", markdown, .. where]));
        Assert.Contains("0 people created, 0 updated, 3 unchanged", await File.ReadAllTextAsync(markdown), StringComparison.Ordinal);

        var bad = Path.Combine(dir, "bad.csv");
        await File.WriteAllTextAsync(bad, Imports.OddCsv.Replace("15/12/1999", "15/13/1999", StringComparison.Ordinal));
        Assert.Equal(1, await Habeas.Host.Verbs.RunAsync(["import", bad, "--map", map, .. where]));
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(bad + ".report.json")))
        {
            var problem = report.RootElement.GetProperty("problems")[0];
            Assert.Equal(2, problem.GetProperty("line").GetInt32());
            Assert.Equal("Arrested on", problem.GetProperty("column").GetString());
            Assert.False(report.RootElement.GetProperty("written").GetBoolean());
        }

        Assert.Equal(2, await Habeas.Host.Verbs.RunAsync(["import", Path.Combine(dir, "missing.csv"), .. where]));
        await File.WriteAllTextAsync(map + ".broken", "{ not json");
        Assert.Equal(2, await Habeas.Host.Verbs.RunAsync(["import", csv, "--map", map + ".broken", .. where]));

        await using var check = SchemaTests.Open(database);
        Assert.Equal(3, await check.People.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.Action == "import"));
    }
}
