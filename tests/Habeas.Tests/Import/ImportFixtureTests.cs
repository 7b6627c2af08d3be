using Habeas.Publishing.Import;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

/// <summary>The lists in Fixtures/ through their mapping files: a synthetic one, and a real public list (Fixtures/real, see its
/// README).</summary>
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

        await ImportTwiceAsync(app, csv, mapping, "synthetic-prisoners.csv", rows);

        await using var db = app.OpenDb();
        Assert.Equal(rows, await db.People.CountAsync());
        Assert.Equal(rows, await db.ExternalIds.CountAsync(x => x.System == "synthetic-list" && x.RecordType == "person"));
        var scripts = await db.PersonNames.Where(n => n.Kind == "primary").Select(n => n.Script).Distinct().ToListAsync();
        Assert.Superset(new HashSet<string> { "Khmr", "Thai", "Mymr", "Cyrl", "Hani" }, scripts.ToHashSet());
        Assert.True(await db.Events.CountAsync(e => e.Type == "verdict" && e.SentenceYears + e.SentenceMonths > 0) > rows / 2);
        Assert.Equal(6, await db.Places.CountAsync(p => p.Kind == "prison"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheRealChineseList_DryRunsClean_Imports_AndImportedTwiceLeavesOnePersonPerListedPerson(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var csv = Fixture(Path.Combine("real", "chinese-political-prisoners.csv"));
        var mapping = Fixture(Path.Combine("real", "chinese-political-prisoners.mapping.json"));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var rows = lines.Count;
        // The Source column: one or more URLs separated by spaces, the first the person's page on the CPPC blog.
        var urls = lines.SelectMany(l => l[(l.LastIndexOf(',') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(895, rows);
        Assert.Equal(rows, urls.Count(u => u.StartsWith("https://cppc1989.blogspot.com/", StringComparison.Ordinal)));

        var first = await ImportTwiceAsync(app, csv, mapping, "chinese-political-prisoners.csv", rows);
        // Only the 20 people with a date of death get an event; the list itself and every URL are one source each.
        Assert.Equal(20, first.Counts.EventsCreated);
        Assert.Equal(1 + urls.Distinct().Count(), first.Counts.SourcesCreated);
        Assert.Equal(rows + urls.Count, first.Counts.CitationsCreated);

        await using var db = app.OpenDb();
        Assert.Equal(rows, await db.People.CountAsync());
        Assert.Equal(rows, await db.ExternalIds.CountAsync(x => x.System == "political-prisoner/china" && x.RecordType == "person"));
        Assert.Equal(rows, await db.PersonNames.CountAsync());
        Assert.Equal(20, await db.Events.CountAsync(e => e.Type == "death"));

        // Line 2: Liu Xiaobo, as the list has him.
        var liu = await PersonAsync(db, "https://cppc1989.blogspot.com/2014/02/blog-post.html");
        Assert.Equal(
            ("刘晓波", "Hani", "male", "1955-12-28"),
            (liu.Names.Single().Text, liu.Names.Single().Script, liu.Sex, liu.BirthDate?.ToString())
        );
        Assert.Equal(
            "2017-07-13",
            (await db.Events.SingleAsync(e => e.Type == "death" && e.People.Any(p => p.PersonId == liu.Id))).Date?.ToString()
        );
        Assert.Equal("Place: 长春\nSentence: 2019-12-07", await QuoteAsync(db, liu.Id));

        // Two people named 陈卫 (lines 5 and 150): two records, told apart by their CPPC pages.
        var chen1 = await PersonAsync(db, "https://cppc1989.blogspot.com/2014/02/cppc-00004.html");
        var chen2 = await PersonAsync(db, "https://cppc1989.blogspot.com/2014/07/cppc00149.html");
        Assert.Equal(("male", "1969-02-21"), (chen1.Sex, chen1.BirthDate?.ToString()));
        Assert.Equal(("female", "1967"), (chen2.Sex, chen2.BirthDate?.ToString()));
        Assert.Equal("Place: 重庆\nSentence: 2014-09-02", await QuoteAsync(db, chen2.Id));

        // A Uyghur name in Chinese characters, with two sources in one cell, and a death the list records.
        var nur = await PersonAsync(db, "https://cppc1989.blogspot.com/2014/03/cppc00060_4.html");
        Assert.Equal("努尔莫哈提•亚辛", nur.Names.Single().Text);
        Assert.Equal("Place: 喀什\nSentence: unknown", await QuoteAsync(db, nur.Id));
        Assert.Equal(3, await db.Citations.CountAsync(c => c.TargetId == nur.Id));
        Assert.True(await db.Sources.AnyAsync(s => s.Url == "https://www.amnesty.org/download/Documents/ASA1700042015CHINESE.pdf"));

        // The list's malformed birth dates ("1952-08021", and 1954-02-29, a day that never was) are left out by the mapping, not guessed.
        var gong = await PersonAsync(db, "https://cppc1989.blogspot.com/2016/02/cppc00330.html");
        Assert.Equal(("宫宝美", null), (gong.Names.Single().Text, gong.BirthDate?.ToString()));
        var chenXi = await PersonAsync(db, "https://cppc1989.blogspot.com/2014/02/cppc00005.html");
        Assert.Equal(("陈西", null), (chenXi.Names.Single().Text, chenXi.BirthDate?.ToString()));
        Assert.Equal(rows - 211 - 3, await db.People.CountAsync(p => p.BirthDate != null));

        // The last line.
        var li = await PersonAsync(db, "https://cppc1989.blogspot.com/2020/06/cppc00895.html");
        Assert.Equal(("李先利", "1963-09-13"), (li.Names.Single().Text, li.BirthDate?.ToString()));
        Assert.Equal("Place: 泸州\nSentence: 2020-12-10", await QuoteAsync(db, li.Id));
    }

    /// <summary>A dry run (no problem, no unmapped column, nothing written), the import (a person per row), and the same
    /// import again (every row unchanged, no table changed). The first import's report.</summary>
    private static async Task<Habeas.Publishing.Import.ImportReport> ImportTwiceAsync(
        TestApp app,
        string csv,
        string mapping,
        string fileName,
        int rows
    )
    {
        var empty = await Imports.CountsAsync(app);
        var dryRun = await Imports.RunAsync(app, csv, mapping, dryRun: true, fileName: fileName);
        Assert.Empty(dryRun.Problems);
        Assert.Empty(dryRun.UnmappedColumns);
        Assert.Equal(rows, dryRun.Counts.Created);
        Assert.Equal(empty, await Imports.CountsAsync(app));

        var first = await Imports.RunAsync(app, csv, mapping, fileName: fileName);
        Assert.True(first.Written);
        Assert.Empty(first.Problems);
        Assert.Equal(rows, first.Counts.Created);
        var counts = await Imports.CountsAsync(app);

        var second = await Imports.RunAsync(app, csv, mapping, fileName: fileName);
        Assert.True(second.Written);
        Assert.Empty(second.Problems);
        Assert.Equal((0, 0, rows), (second.Counts.Created, second.Counts.Updated, second.Counts.Unchanged));
        Assert.Equal(
            (0, 0, 0, 0),
            (second.Counts.EventsCreated, second.Counts.EventsUpdated, second.Counts.SourcesCreated, second.Counts.CitationsCreated)
        );
        Assert.Equal(counts, await Imports.CountsAsync(app));
        return first;
    }

    private static async Task<Habeas.Records.People.Person> PersonAsync(Habeas.Platform.Storage.HabeasDb db, string externalId)
    {
        var id = await db
            .ExternalIds.Where(x => x.System == "political-prisoner/china" && x.Value == externalId)
            .Select(x => x.RecordId)
            .SingleAsync();
        return await db.People.Include(p => p.Names).SingleAsync(p => p.Id == id);
    }

    private static Task<string?> QuoteAsync(Habeas.Platform.Storage.HabeasDb db, Guid personId) =>
        db
            .Citations.Where(c => c.TargetId == personId && c.Source!.Url!.StartsWith("https://github.com/political-prisoner/"))
            .Select(c => c.Quote)
            .SingleAsync();
}
