using System.Net.Http.Json;
using Habeas.Core.Dates;
using Habeas.Publishing.Import;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

/// <summary>Rows without ids (neither a Habeas id nor an external id) are matched to people already recorded by the name index
/// and the birth date (docs/import.md, "Rows without ids").</summary>
public sealed class ImportMatchingTests
{
    private const string ListWithoutIds = """
        name,name:romanization,birthDate,sex,event1.type,event1.date,source1.url
        ហេង សុភា,Heng Sophea,1984-03-02,female,arrest,2021-05-06,https://example.org/heng
        Mok Dara,,1990,male,arrest,2022-01-10,https://example.org/mok
        Chea Vibol,,,male,,,
        """;

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AFileWithoutIds_ImportedTwice_LeavesOneRecordPerPerson(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var first = await Imports.RunAsync(app, ListWithoutIds);
        Assert.Empty(first.Problems);
        Assert.Equal(3, first.Counts.Created);
        Assert.Empty(first.Matches);
        var afterFirst = await Imports.CountsAsync(app);

        var second = await Imports.RunAsync(app, ListWithoutIds);

        Assert.Empty(second.Problems);
        Assert.Equal(0, second.Counts.Created);
        Assert.Equal(3, second.Counts.Unchanged);
        Assert.Equal(0, second.Counts.EventsCreated);
        Assert.Equal(0, second.Counts.CitationsCreated);
        // Every row is taken to be the person the first import made, without a choice.
        await using var db = app.OpenDb();
        foreach (var (line, name) in new[] { (2, "ហេង សុភា"), (3, "Mok Dara"), (4, "Chea Vibol") })
        {
            var id = await db.PersonNames.Where(n => n.Text == name).Select(n => n.PersonId).SingleAsync();
            var match = Assert.Single(second.Matches, m => m.Line == line);
            Assert.Equal(id, match.SameAs);
            Assert.False(match.Chosen);
        }
        // Nothing was written at all: no person, name, event, citation, version or audit entry.
        Assert.Equal(afterFirst, await Imports.CountsAsync(app));
        Assert.Equal(3, await db.People.CountAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task DryRun_ShowsSameAs_ForARowMatchingByAnotherScriptAndTheBirthDate_AndTheImportAddsWithoutOverwriting(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var recorded = await CreateAsync(client, "ថុន សារ៉ាយ", "1953-04-20", occupation: "Director");
        // The same name, born decades later: someone else, never offered.
        var namesake = await CreateAsync(client, "ថុន សារ៉ាយ", "1990");
        const string csv = "name,birthDate,occupation,nationality\nThun Saray,1953,Lawyer,Cambodian\n";

        var dry = await Imports.RunAsync(app, csv, dryRun: true);

        Assert.Empty(dry.Problems);
        Assert.False(dry.Written);
        var match = Assert.Single(dry.Matches);
        Assert.Equal(2, match.Line);
        Assert.Equal(recorded, match.SameAs);
        var candidate = Assert.Single(match.Candidates);
        Assert.Equal(recorded, candidate.Id);
        Assert.Equal("ថុន សារ៉ាយ", candidate.DisplayName);
        Assert.True(candidate.Likely);
        Assert.DoesNotContain(match.Candidates, c => c.Id == namesake);
        Assert.Equal(0, dry.Counts.Created);
        Assert.Equal(1, dry.Counts.Updated);

        var imported = await Imports.RunAsync(app, csv);

        Assert.True(imported.Written);
        Assert.Equal(0, imported.Counts.Created);
        await using var db = app.OpenDb();
        Assert.Equal(2, await db.People.CountAsync());
        var person = await db.People.Include(p => p.Names).SingleAsync(p => p.Id == recorded);
        // "Same" adds what the record lacks (a name, a blank field) and keeps every value it has.
        Assert.Contains(person.Names, n => n.Text == "Thun Saray" && n.Kind == "alias");
        Assert.Equal("Director", person.Occupation);
        Assert.Equal("1953-04-20", person.BirthDate?.ToString());
        Assert.Equal("Cambodian", person.Nationality);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheChoiceNew_InTheMapping_CreatesANewPerson(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var recorded = await CreateAsync(app.CreateClient(), "ថុន សារ៉ាយ", "1953");
        const string csv = "name,birthDate\nThun Saray,1953\n";

        var report = await Imports.RunAsync(app, csv, """{ "columns": {}, "matches": { "2": "new" } }""");

        Assert.True(report.Written);
        Assert.Equal(1, report.Counts.Created);
        var match = Assert.Single(report.Matches);
        Assert.Null(match.SameAs);
        Assert.True(match.Chosen);
        Assert.Equal(recorded, Assert.Single(match.Candidates).Id);
        await using var db = app.OpenDb();
        Assert.Equal(2, await db.People.CountAsync());
        Assert.Equal(1, await db.PersonNames.CountAsync(n => n.Text == "Thun Saray"));
        // The new person is still listed for review as a possible duplicate.
        Assert.Equal(recorded, Assert.Single(Assert.Single(report.PossibleDuplicates).Matches).Id);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AChoiceOfAnotherPerson_InTheMapping_UpdatesThatPerson_AndABadChoiceIsAProblem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var chosen = await CreateAsync(app.CreateClient(), "Sam Rainsy", null);

        var report = await Imports.RunAsync(app, "name\nSom Ransy\n", $$"""{ "columns": {}, "matches": { "2": "{{chosen}}" } }""");

        Assert.True(report.Written);
        Assert.Equal(0, report.Counts.Created);
        Assert.Equal(chosen, Assert.Single(report.Matches).SameAs);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(chosen, await db.PersonNames.Where(n => n.Text == "Som Ransy").Select(n => n.PersonId).SingleAsync());
        }

        var unknown = await Imports.RunAsync(
            app,
            "name\nSom Ransy\n",
            $$"""{ "columns": {}, "matches": { "2": "{{Guid.CreateVersion7()}}" } }"""
        );
        Assert.False(unknown.Written);
        Assert.Equal(2, Assert.Single(unknown.Problems).Line);
        var malformed = await Imports.RunAsync(app, "name\nSom Ransy\n", """{ "columns": {}, "matches": { "two": "someone" } }""");
        Assert.Equal(2, malformed.Problems.Count);
        Assert.All(malformed.Problems, p => Assert.Equal(0, p.Line));
    }

    [Fact]
    public void BirthDates_AgreeWhenTheyCanBeTheSameDay()
    {
        Assert.True(Importer.BirthDatesAgree(FuzzyDate.Parse("1953"), FuzzyDate.Parse("1953-04-20")));
        Assert.False(Importer.BirthDatesAgree(FuzzyDate.Parse("1953"), FuzzyDate.Parse("1955")));
        Assert.True(Importer.BirthDatesAgree(FuzzyDate.Parse("1953~"), FuzzyDate.Parse("1954-02")));
        Assert.Null(Importer.BirthDatesAgree(null, FuzzyDate.Parse("1953")));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string name, string? birthDate, string? occupation = null)
    {
        var response = await client.PostAsJsonAsync(
            "/api/v1/people",
            new
            {
                name,
                birthDate,
                occupation,
            }
        );
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
    }
}
