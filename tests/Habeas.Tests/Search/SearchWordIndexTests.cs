using System.Text.Json;
using Habeas.Platform.Shared;
using Habeas.Records.Cases;
using Habeas.Records.Search;
using Habeas.Records.Sources;
using Habeas.Tests.Import;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Search;

/// <summary>
/// The word index of cases and sources (search_words, Records/Search/SearchWordIndex.cs): kept by every save, by the
/// import and by the backfill of a restored database, and what the pickers and the search box find cases and sources by.
/// </summary>
public sealed class SearchWordIndexTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheWords_FollowEveryEdit_AndThePickersAndTheSearchFindByThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: TestApp.OwnHost);
        var client = app.CreateClient();
        var trial = new Case
        {
            Title = "Kem Sokha treason trial",
            CourtCaseNumber = "KS-5/2024",
            Summary = LocalizedText.Of("km", "ការកាត់ក្តីពីបទក្បត់ជាតិ"),
        };
        var article = new Source { Title = "Court decision on Kem Sokha", Publisher = "Phnom Penh Post" };
        await using (var db = app.OpenDb())
        {
            db.Cases.Add(trial);
            db.Sources.Add(article);
            await db.SaveChangesAsync();
        }

        Assert.Superset(new HashSet<string> { "kem", "sokha", "treason", "trial", "ks" }, await WordsAsync(app, "case", trial.Id));
        Assert.Contains("ក្បត់ជាតិ", await WordsAsync(app, "case", trial.Id));
        Assert.Superset(new HashSet<string> { "court", "decision", "phnom", "penh", "post" }, await WordsAsync(app, "source", article.Id));
        Assert.Equal([trial.Id], await PickedAsync(client, "case", "sokh tri"));
        Assert.Equal([trial.Id], await PickedAsync(client, "case", "treas"));
        Assert.Equal([trial.Id], await PickedAsync(client, "case", "ក្បត់ជាតិ"));
        Assert.Empty(await PickedAsync(client, "case", "sokh land"));
        Assert.Equal([article.Id], await PickedAsync(client, "source", "penh decision"));

        await using (var db = app.OpenDb())
        {
            var stored = await db.Cases.SingleAsync(c => c.Id == trial.Id);
            stored.Title = "Land dispute at Boeung Kak";
            await db.SaveChangesAsync();
        }

        var words = await WordsAsync(app, "case", trial.Id);
        Assert.DoesNotContain("treason", words);
        Assert.Contains("boeung", words);
        Assert.Empty(await PickedAsync(client, "case", "treason"));
        Assert.Equal([trial.Id], await PickedAsync(client, "case", "boeu"));
        using var search = JsonDocument.Parse(await client.GetStringAsync("/api/v1/search?q=boeung%20land&type=case"));
        Assert.Equal(1, search.RootElement.GetProperty("counts").GetProperty("case").GetInt32());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheImport_AndTheBackfillOfARestoredDatabase_WriteTheWords(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: TestApp.OwnHost);
        const string json = """
            { "system": "json-list", "people": [
              { "externalId": "a-1", "name": "Heng Dara",
                "sources": [ { "title": "Bulletin Nokorwat", "url": "https://example.org/3", "date": "2021-03-05" } ] } ] }
            """;

        var report = await Imports.RunAsync(app, json, fileName: "list.json");

        Assert.Empty(report.Problems);
        Guid source;
        await using (var db = app.OpenDb())
        {
            source = (await db.Sources.SingleAsync(s => s.Title == "Bulletin Nokorwat")).Id;
        }
        Assert.Contains("nokorwat", await WordsAsync(app, "source", source));

        // A restored database has neither entries nor words (derived data is never exported): the backfill writes both.
        await using (var db = app.OpenDb())
        {
            await db.SearchEntries.Where(e => e.RecordId == source).ExecuteDeleteAsync();
            await db.Set<SearchWord>().Where(w => w.RecordId == source).ExecuteDeleteAsync();
            Assert.True(await SearchIndexing.BackfillAsync(db, CancellationToken.None) >= 1);
        }
        Assert.Contains("nokorwat", await WordsAsync(app, "source", source));
        Assert.Equal([source], await PickedAsync(app.CreateClient(), "source", "nokor"));
    }

    [Fact]
    public void APrefix_IsTheRangeOfTheWordsBeginningWithIt()
    {
        Assert.Equal(("sokh", "soki"), SearchWordIndex.Range("sokh"));
        Assert.Equal(("ក្បត", "ក្បថ"), SearchWordIndex.Range("ក្បត"));
        var longWord = new string('a', 100);
        Assert.Equal((new string('a', 64), new string('a', 63) + "b"), SearchWordIndex.Range(longWord));
        Assert.Equal(("ab", "ac"), SearchWordIndex.Range("ab\uffff"));
        Assert.Equal(("x", "y"), SearchWordIndex.Range("x😀"));
    }

    private static async Task<HashSet<string>> WordsAsync(TestApp app, string type, Guid id)
    {
        await using var db = app.OpenDb();
        return (
            await db.Set<SearchWord>().Where(w => w.RecordType == type && w.RecordId == id).Select(w => w.Word).ToListAsync()
        ).ToHashSet();
    }

    private static async Task<List<Guid>> PickedAsync(HttpClient client, string kind, string query)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/pickers/{kind}?q={Uri.EscapeDataString(query)}"));
        return json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
