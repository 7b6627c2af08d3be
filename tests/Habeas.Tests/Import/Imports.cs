using System.Text;
using Habeas.Core.Import;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Publishing.Import;
using Habeas.Records.Custody;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Search;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Import;

/// <summary>Runs imports against a test app's database and counts what every table holds.</summary>
public static class Imports
{
    /// <summary>Runs an import as the system (it sees every record).</summary>
    public static async Task<ImportReport> RunAsync(
        TestApp app,
        string content,
        string? mapping = null,
        bool dryRun = false,
        string fileName = "list.csv"
    )
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        db.Viewer = Habeas.Platform.Access.Viewer.System;
        db.Actor = "tests";
        var importer = new Importer(
            db,
            scope.ServiceProvider.GetRequiredService<Vocabularies>(),
            scope.ServiceProvider.GetRequiredService<PeopleNameIndex>()
        );
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return await importer.RunAsync(
            new ImportRequest(fileName, stream, null, mapping is null ? new ImportMapping() : ImportMapping.Parse(mapping), dryRun),
            null,
            CancellationToken.None
        );
    }

    /// <summary>The number of rows of every table an import can write to.</summary>
    public static async Task<Dictionary<string, int>> CountsAsync(TestApp app)
    {
        await using var db = app.OpenDb();
        return new Dictionary<string, int>
        {
            ["people"] = await db.People.IgnoreQueryFilters().CountAsync(),
            ["person_names"] = await db.PersonNames.CountAsync(),
            ["person_tags"] = await db.PersonTags.CountAsync(),
            ["events"] = await db.Events.IgnoreQueryFilters().CountAsync(),
            ["event_people"] = await db.EventPeople.CountAsync(),
            ["places"] = await db.Places.CountAsync(),
            ["sources"] = await db.Sources.IgnoreQueryFilters().CountAsync(),
            ["citations"] = await db.Citations.CountAsync(),
            ["external_ids"] = await db.ExternalIds.CountAsync(),
            ["record_versions"] = await db.RecordVersions.CountAsync(),
            ["audit_entries"] = await db.AuditEntries.CountAsync(),
            ["custody_periods"] = await db.CustodyPeriods.IgnoreQueryFilters().CountAsync(),
            ["search_entries"] = await db.SearchEntries.CountAsync(),
        };
    }

    /// <summary>A rights group's spreadsheet: odd headers, semicolons, day/month/year dates, M/F.</summary>
    public const string OddCsv = """"
        No.;Full name (Khmer);Name (Latin);Gender;DOB;Arrested on;Prison;Sentence;Notes;Source link
        1;សុខ យឿន;Sok Yoeun;M;1950;15/12/1999;Prey Sar;7 years;"incitement; ""terrorism""";https://example.org/a
        2;ស្រី ស្រស់;Srey Sros;F;1980-05;03/02/2020;Prey Sar;2 years 6 months;;https://example.org/b
        3;สมชาย ศรีสุข;Somchai Srisuk;M;;01/06/2014;Klong Prem;;;https://example.org/a
        """";

    public const string OddMapping = """
        {
          "system": "test-list",
          "columns": { "No.": "externalId", "Full name (Khmer)": "name", "Name (Latin)": "name:romanization", "Gender": "sex", "DOB": "birthDate",
            "Arrested on": "event1.date", "Prison": "event1.place", "Sentence": "event2.sentence", "Source link": "source1.url" },
          "constants": { "event1.type": "arrest", "event2.type": "verdict", "event2.decision": "convicted", "tags": "human-rights-defender" },
          "dateFormats": ["dd/MM/yyyy"],
          "values": { "sex": { "M": "male", "F": "female" } },
          "placeKind": "prison"
        }
        """;
}
