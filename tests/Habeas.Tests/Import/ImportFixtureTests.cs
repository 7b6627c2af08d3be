using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

/// <summary>The list in Fixtures/ (synthetic: no real list could be found offline, see its README) through its mapping file.</summary>
public sealed class ImportFixtureTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name));

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheList_DryRunsClean_Imports_AndImportedTwiceLeavesOneRecordPerPerson(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var csv = Fixture("synthetic-prisoners.csv");
        var mapping = Fixture("synthetic-prisoners.mapping.json");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        var empty = await Imports.CountsAsync(app);

        var dryRun = await Imports.RunAsync(app, csv, mapping, dryRun: true, fileName: "synthetic-prisoners.csv");
        Assert.Empty(dryRun.Problems);
        Assert.Empty(dryRun.UnmappedColumns);
        Assert.Equal(rows, dryRun.Counts.Created);
        Assert.Equal(empty, await Imports.CountsAsync(app));

        var first = await Imports.RunAsync(app, csv, mapping, fileName: "synthetic-prisoners.csv");
        Assert.True(first.Written);
        Assert.Equal(rows, first.Counts.Created);
        var counts = await Imports.CountsAsync(app);

        var second = await Imports.RunAsync(app, csv, mapping, fileName: "synthetic-prisoners.csv");
        Assert.True(second.Written);
        Assert.Equal((0, 0, rows), (second.Counts.Created, second.Counts.Updated, second.Counts.Unchanged));
        Assert.Equal(counts, await Imports.CountsAsync(app));

        await using var db = app.OpenDb();
        Assert.Equal(rows, await db.People.CountAsync());
        Assert.Equal(rows, await db.ExternalIds.CountAsync(x => x.System == "synthetic-list" && x.RecordType == "person"));
        var scripts = await db.PersonNames.Where(n => n.Kind == "primary").Select(n => n.Script).Distinct().ToListAsync();
        Assert.Superset(new HashSet<string> { "Khmr", "Thai", "Mymr", "Cyrl", "Hani" }, scripts.ToHashSet());
        Assert.True(await db.Events.CountAsync(e => e.Type == "verdict" && e.SentenceYears + e.SentenceMonths > 0) > rows / 2);
        Assert.Equal(6, await db.Places.CountAsync(p => p.Kind == "prison"));
    }
}
