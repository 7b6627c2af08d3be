using Habeas.Publishing.Import;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Search;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

public sealed class ImportTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OddHeaders_ThroughAMapping_BecomeNamesEventsPlacesAndCitedSources(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);

        var report = await Imports.RunAsync(app, Imports.OddCsv, Imports.OddMapping);

        Assert.Empty(report.Problems);
        Assert.True(report.Written);
        Assert.Equal(3, report.Counts.Created);
        Assert.Equal(["Notes"], report.UnmappedColumns);
        await using var db = app.OpenDb();
        var sok = await db.People.Include(p => p.Names).Include(p => p.Tags).SingleAsync(p => p.Names.Any(n => n.Text == "Sok Yoeun"));
        Assert.Equal(
            ("សុខ យឿន", "primary", "Khmr"),
            sok.Names.Where(n => n.Kind == "primary").Select(n => (n.Text, n.Kind, n.Script)).Single()
        );
        Assert.Equal("romanization", sok.Names.Single(n => n.Text == "Sok Yoeun").Kind);
        Assert.Equal("male", sok.Sex);
        Assert.Equal("1950", sok.BirthDate?.ToString());
        Assert.Equal(["human-rights-defender"], sok.Tags.Select(t => t.Tag));
        var events = await db
            .Events.Include(e => e.Place)
            .Where(e => e.People.Any(p => p.PersonId == sok.Id))
            .OrderBy(e => e.Type)
            .ToListAsync();
        Assert.Equal(["arrest", "verdict"], events.Select(e => e.Type));
        Assert.Equal("1999-12-15", events[0].Date?.ToString());
        Assert.Equal("Prey Sar", events[0].Place!.Name);
        Assert.Equal("prison", events[0].Place!.Kind);
        Assert.Equal((7, 0, "convicted"), (events[1].SentenceYears!.Value, events[1].SentenceMonths ?? 0, events[1].Decision));
        var srey = await db.People.SingleAsync(p => p.Names.Any(n => n.Text == "Srey Sros"));
        Assert.Equal(
            6,
            await db
                .Events.Where(e => e.People.Any(p => p.PersonId == srey.Id) && e.Type == "verdict")
                .Select(e => e.SentenceMonths)
                .SingleAsync()
        );
        // One place for the two arrests at Prey Sar; one source for the two rows citing https://example.org/a.
        Assert.Equal(2, await db.Places.CountAsync());
        Assert.Equal(2, await db.Sources.CountAsync());
        Assert.Equal(3, await db.Citations.CountAsync(c => c.TargetType == "person"));
        Assert.Equal(3, await db.ExternalIds.CountAsync(x => x.System == "test-list" && x.RecordType == "person"));
        // The normal save path: versions, audit entries, search entries, custody periods.
        Assert.True(await db.RecordVersions.AnyAsync(v => v.RecordId == sok.Id && v.Version == 1));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordId == sok.Id && a.Action == "created"));
        Assert.True(await db.SearchEntries.AnyAsync(s => s.RecordId == sok.Id));
        Assert.True(await db.CustodyPeriods.AnyAsync(c => c.PersonId == sok.Id));
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "import");
        Assert.Contains(report.Sha256, entry.Entry, StringComparison.Ordinal);
        Assert.Contains("\"created\":\"3\"", entry.Entry, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task DryRun_WritesNothing_AndListsEveryProblemByLineAndColumn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var csv = Imports
            .OddCsv.Replace("03/02/2020", "31/02/2020", StringComparison.Ordinal)
            .Replace(";F;", ";X;", StringComparison.Ordinal);
        var before = await Imports.CountsAsync(app);

        var clean = await Imports.RunAsync(app, Imports.OddCsv, Imports.OddMapping, dryRun: true);
        var bad = await Imports.RunAsync(app, csv, Imports.OddMapping, dryRun: true);

        Assert.Empty(clean.Problems);
        Assert.Equal(3, clean.Counts.Created);
        Assert.False(clean.Written);
        Assert.Equal(before, await Imports.CountsAsync(app));
        Assert.False(bad.Written);
        Assert.Contains(bad.Problems, p =>
            p is { Line: 3, Column: "Gender", Value: "X" } && p.Message.Contains("not one of", StringComparison.Ordinal)
        );
        Assert.Contains(bad.Problems, p => p is { Line: 3, Column: "Arrested on", Value: "31/02/2020" });
        Assert.Equal(2, bad.Problems.Count);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task OneBadRow_WritesNothingAtAll(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var before = await Imports.CountsAsync(app);
        var csv = Imports.OddCsv + "\n4;;;M;1970;01/01/2001;Prey Sar;life;;";

        var report = await Imports.RunAsync(app, csv, Imports.OddMapping);

        Assert.False(report.Written);
        Assert.Equal(1, report.ExitCode);
        Assert.Contains(report.Problems, p => p.Line == 5 && p.Column == "Sentence" && p.Value == "life");
        Assert.Contains(report.Problems, p => p.Line == 5 && p.Message.Contains("at least one name", StringComparison.Ordinal));
        Assert.Equal(before, await Imports.CountsAsync(app));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ImportingTwice_ChangesNothingTheSecondTime(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Imports.RunAsync(app, Imports.OddCsv, Imports.OddMapping);
        var after = await Imports.CountsAsync(app);

        var again = await Imports.RunAsync(app, Imports.OddCsv, Imports.OddMapping);

        Assert.Empty(again.Problems);
        Assert.Equal((0, 0, 3), (again.Counts.Created, again.Counts.Updated, again.Counts.Unchanged));
        Assert.Equal(
            (0, 0, 0, 0),
            (again.Counts.EventsCreated, again.Counts.EventsUpdated, again.Counts.SourcesCreated, again.Counts.CitationsCreated)
        );
        Assert.Equal(after, await Imports.CountsAsync(app));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AChangedValue_UnderTheSameExternalId_UpdatesOnlyThatRecordAndField(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Imports.RunAsync(app, Imports.OddCsv, Imports.OddMapping);
        var before = await Imports.CountsAsync(app);
        Guid id;
        await using (var db = app.OpenDb())
        {
            id = await db.ExternalIds.Where(x => x.Value == "2").Select(x => x.RecordId).SingleAsync();
        }

        var report = await Imports.RunAsync(
            app,
            Imports.OddCsv.Replace(";1980-05;", ";1981;", StringComparison.Ordinal),
            Imports.OddMapping
        );

        Assert.Equal((0, 1, 2), (report.Counts.Created, report.Counts.Updated, report.Counts.Unchanged));
        var after = await Imports.CountsAsync(app);
        Assert.Equal(before["people"], after["people"]);
        Assert.Equal(before["record_versions"] + 1, after["record_versions"]);
        // The person's update and the import itself.
        Assert.Equal(before["audit_entries"] + 2, after["audit_entries"]);
        await using var check = app.OpenDb();
        var person = await check.People.SingleAsync(p => p.Id == id);
        Assert.Equal(2, person.Version);
        Assert.Equal("1981", person.BirthDate?.ToString());
        var update = await check.AuditEntries.Where(a => a.RecordId == id).OrderBy(a => a.Sequence).LastAsync();
        Assert.Equal("updated", update.Action);
        Assert.Contains("birthDate", update.Entry, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sex\"", update.Entry, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ANewPersonNamedLikeSomeoneRecorded_IsImported_AndListedAsAPossibleDuplicate(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var existing = await TestApp.CreatePersonAsync(app.CreateClient(), "Sok Yoeun");

        var report = await Imports.RunAsync(app, "name,birthDate\nSok Yeun,1950\nVanna Chhim,1977\n");

        Assert.True(report.Written);
        Assert.Equal(2, report.Counts.Created);
        var duplicate = Assert.Single(report.PossibleDuplicates);
        Assert.Equal(2, duplicate.Line);
        Assert.Equal(existing, Assert.Single(duplicate.Matches).Id);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Json_WithEventsAndSources_ImportsLikeCsv_AndTwiceChangesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        const string json = """
            { "system": "json-list", "people": [
              { "externalId": "a-1", "names": [ "ហេង ដារា", { "text": "Heng Dara", "kind": "romanization" } ], "sex": "male", "tags": ["journalist"],
                "biography": { "en": "A reporter." },
                "events": [ { "externalId": "e-1", "type": "arrest", "date": "2021-03-04", "place": "Prey Sar" },
                            { "type": "verdict", "date": "2021-09", "decision": "convicted", "sentenceYears": 2 } ],
                "sources": [ { "title": "Bulletin 3", "url": "https://example.org/3", "date": "2021-03-05" } ] },
              { "externalId": "a-2", "name": "Chan Sophea", "birthDate": "1990~" }
            ] }
            """;

        var first = await Imports.RunAsync(app, json, fileName: "list.json");
        var counts = await Imports.CountsAsync(app);
        var second = await Imports.RunAsync(app, json, fileName: "list.json");

        Assert.Empty(first.Problems);
        Assert.Equal((2, 2, 1), (first.Counts.Created, first.Counts.EventsCreated, first.Counts.SourcesCreated));
        Assert.Equal((0, 0, 2), (second.Counts.Created, second.Counts.Updated, second.Counts.Unchanged));
        Assert.Equal(counts, await Imports.CountsAsync(app));
        await using var db = app.OpenDb();
        Assert.Equal(2, await db.ExternalIds.CountAsync(x => x.System == "json-list" && x.RecordType == "person"));
        Assert.Equal(1, await db.ExternalIds.CountAsync(x => x.System == "json-list" && x.RecordType == "event"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AHabeasIdColumn_UpdatesThatPerson_AndAnUnknownIdIsAProblem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var id = await TestApp.CreatePersonAsync(app.CreateClient(), "Long Sokunthy");

        var report = await Imports.RunAsync(app, $"id,occupation\n{id},Teacher\n{Guid.CreateVersion7()},Monk\n");
        var fixedFile = await Imports.RunAsync(app, $"id,occupation\n{id},Teacher\n");

        Assert.Contains(report.Problems, p => p is { Line: 3, Column: "id" });
        Assert.Equal((0, 1), (fixedFile.Counts.Created, fixedFile.Counts.Updated));
        await using var db = app.OpenDb();
        var person = await db.People.Include(p => p.Names).SingleAsync(p => p.Id == id);
        Assert.Equal("Teacher", person.Occupation);
        Assert.Equal("Long Sokunthy", Assert.Single(person.Names).Text);
    }
}
