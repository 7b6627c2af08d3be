using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Habeas.Platform.Audit;
using Habeas.Platform.Storage;
using Habeas.Records.Events;
using Habeas.Publishing.Import;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

/// <summary>
/// The import's bulk writer (Import/BulkWriter.cs) must write exactly the rows HabeasDb.SaveChangesAsync writes. The same
/// two files are imported into two databases, one through each path, and every table the import touches is compared
/// row by row, column by column. Only what must differ is normalised: the random (version 7) ids, replaced by what the
/// record is (a person by its external id, an event by its people, type and date, …); the times of the two runs; the
/// audit leaf hashes (they hash the ids and times; each chain is verified instead); the generated ids of custody
/// periods (the bulk path rebuilds stored people's periods after the chunk, not inside it).
/// </summary>
public sealed partial class ImportSamenessTests
{
    private const string Mapping = """
        {
          "system": "same",
          "columns": { "ref": "externalId", "name": "name", "latin": "name:romanization", "sex": "sex", "born": "birthDate", "job": "occupation",
            "tag": "tags", "level": "level", "arrested": "event1.date", "prison": "event1.place", "elevel": "event1.level",
            "sentenced": "event2.date", "term": "event2.sentence", "court": "event2.place", "what": "event2.description",
            "freedType": "event3.type", "freed": "event3.date", "reason": "event3.releaseReason", "link": "source1.url", "page": "source1.page" },
          "constants": { "event1.type": "arrest", "event2.type": "verdict", "event2.decision": "convicted" },
          "placeKind": "prison"
        }
        """;

    private const string Header = "ref,name,latin,sex,born,job,tag,level,arrested,prison,elevel,sentenced,term,court,what,freedType,freed,reason,link,page";

    private static readonly string[] Khmer = ["សុខ យឿន", "ស្រី ស្រស់", "ចាន់ ដារា", "ហេង សុភា", "គឹម វណ្ណា", "ម៉ៅ រតនា"];
    private static readonly string[] Thai = ["สมชาย ศรีสุข", "อานนท์ นำภา", "ปนัสยา สิทธิจิรวัฒนกุล"];
    private static readonly string[] Latin = ["Sok Yoeun", "Srey Sros", "Chan Dara", "Heng Sophea", "Kim Vanna", "Mao Ratana", "Nguyễn Văn Đài"];
    private static readonly string[] Prisons = ["Prey Sar", "CC1", "Klong Prem", "Kandal", "ពន្ធនាគារ ព្រៃស"];

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task BulkPath_WritesTheSameRows_AsTheSavePath(string provider)
    {
        await using var bulkApp = await TestApp.StartAsync(provider);
        await using var savedApp = await TestApp.StartAsync(provider);
        var bulk = await ImportBothAsync(bulkApp, bulk: true);
        var saved = await ImportBothAsync(savedApp, bulk: false);

        Assert.Equal(saved.Reports, bulk.Reports);
        foreach (var (table, savedRows) in saved.Tables)
        {
            var bulkRows = bulk.Tables[table];
            Assert.True(savedRows.Count == bulkRows.Count, $"{table}: {savedRows.Count} rows by the save path, {bulkRows.Count} by the bulk path.");
            for (var i = 0; i < savedRows.Count; i++)
            {
                Assert.True(savedRows[i] == bulkRows[i], $"{table} differs:\n save path: {savedRows[i]}\n bulk path: {bulkRows[i]}");
            }
        }
        // The file did write what the comparison covers.
        Assert.True(saved.Tables["people"].Count >= 300);
        Assert.Contains(saved.Tables["person_names"], r => r.Contains("|script=Khmr|", StringComparison.Ordinal));
        Assert.Contains(saved.Tables["person_names"], r => r.Contains("|script=Thai|", StringComparison.Ordinal));
        Assert.NotEmpty(saved.Tables["published_custody_periods"]);
        Assert.Contains(saved.Tables["record_versions"], r => r.Contains("|change=updated|", StringComparison.Ordinal));
    }

    private sealed record Outcome(List<string> Reports, Dictionary<string, List<string>> Tables);

    private static async Task<Outcome> ImportBothAsync(TestApp app, bool bulk)
    {
        long before;
        await using (var db = app.OpenDb())
        {
            before = await db.AuditEntries.MaxAsync(e => (long?)e.Sequence) ?? 0;
        }
        var reports = new List<string>();
        foreach (var file in new[] { SeedFile(), MainFile() })
        {
            var report = await Imports.RunAsync(app, file, Mapping, bulk: bulk);
            Assert.Empty(report.Problems);
            Assert.True(report.Written);
            reports.Add(System.Text.Json.JsonSerializer.Serialize(report.Counts));
        }
        await using (var db = app.OpenDb())
        {
            Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
            return new Outcome(reports, await TablesAsync(db, before));
        }
    }

    /// <summary>Five people recorded before: the main file updates some of them and repeats one unchanged.</summary>
    private static string SeedFile()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= 5; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"S{i},{Khmer[i % Khmer.Length]},{Latin[i % Latin.Length]} {i},male,1960,farmer,,internal,2015-03-0{i},Prey Sar,,,,,,,,,https://example.org/seed,\n");
        }
        return csv.ToString();
    }

    /// <summary>Three hundred new people (Khmer, Thai and Latin names; two or three events; places; sources; public and
    /// internal), a person given twice in the file, and rows for the seeded people (changed, given a new event, unchanged).</summary>
    private static string MainFile()
    {
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 1; i <= 300; i++)
        {
            var name = i % 3 == 0 ? Thai[i % Thai.Length] : Khmer[i % Khmer.Length];
            var level = i % 4 == 0 ? "public" : "internal";
            var released = i % 5 == 0;
            csv.Append(CultureInfo.InvariantCulture, $"P{i},{name},{Latin[i % Latin.Length]} {i},{(i % 2 == 0 ? "female" : "male")},{1940 + (i % 60)},");
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 7 == 0 ? "journalist" : "")},{(i % 6 == 0 ? "human-rights-defender" : "")},{level},");
            csv.Append(CultureInfo.InvariantCulture, $"20{10 + (i % 14)}-{1 + (i % 12):00}-{1 + (i % 28):00},{Prisons[i % Prisons.Length]},{(i % 8 == 0 ? "internal" : level)},");
            csv.Append(CultureInfo.InvariantCulture, $"20{11 + (i % 14)},{1 + (i % 9)} years,{(i % 2 == 0 ? "Phnom Penh court" : "")},{(i % 3 == 0 ? "\"Convicted of \"\"incitement\"\"; appeal lodged\"" : "")},");
            csv.Append(CultureInfo.InvariantCulture, $"{(released ? "release" : "")},{(released ? $"20{12 + (i % 14)}-06-01" : "")},{(released ? "pardon" : "")},");
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 10 == 0 ? "" : $"https://example.org/list/{i % 4}")},{(i % 10 == 0 ? "" : $"p. {i}")}\n");
        }
        // The same person again, later in the file: a tag and a release added to what the first row made.
        csv.Append("P7,,,,,,journalist,,,,,,,,,release,2024-01-01,amnesty,,\n");
        // Seeded people: a changed occupation and a verdict; a new event only; the very same row (unchanged).
        csv.Append(CultureInfo.InvariantCulture, $"S1,,,,,teacher,,,,,,2016,3 years,CC1,,,,,,\n");
        csv.Append(CultureInfo.InvariantCulture, $"S2,,,,,,,,,,,,,,,release,2019-09-09,pardon,https://example.org/seed-2,\n");
        csv.Append(CultureInfo.InvariantCulture, $"S3,{Khmer[3 % Khmer.Length]},{Latin[3 % Latin.Length]} 3,male,1960,farmer,,internal,2015-03-03,Prey Sar,,,,,,,,,https://example.org/seed,\n");
        return csv.ToString();
    }

    private static readonly string[] Tables =
    [
        "people", "person_names", "person_tags", "affiliations", "events", "event_people", "event_actors", "places", "sources",
        "citations", "external_ids", "record_versions", "search_entries", "audit_entries", "custody_periods", "published_custody_periods",
        "custody_day_changes",
        "record_grants",
    ];

    private static readonly HashSet<string> Times = ["created_at", "updated_at", "changed_at", "at"];

    /// <summary>Every row of every table the import writes, as "column=value|…" with ids replaced by what they stand for, sorted.</summary>
    private static async Task<Dictionary<string, List<string>>> TablesAsync(HabeasDb db, long auditBefore)
    {
        var names = await NamesAsync(db);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var tables = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            var rows = new List<string>();
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder("|");
                var skip = false;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var column = reader.GetName(i);
                    var value = reader.IsDBNull(i) ? "null" : reader.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToHexString(bytes),
                        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
                        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString() ?? "",
                    };
                    if (table == "audit_entries" && column == "sequence" && long.Parse(value, CultureInfo.InvariantCulture) <= auditBefore)
                    {
                        skip = true; // written when the test app started (its users), not by the import
                    }
                    if (Times.Contains(column))
                    {
                        value = "(time)";
                    }
                    else if (column == "leaf_hash" || (table.EndsWith("custody_periods", StringComparison.Ordinal) && column == "id"))
                    {
                        value = "(generated)";
                    }
                    value = EntryTime().Replace(value, "\"at\":\"(time)\"");
                    // The root of the log before an entry covers the earlier entries' times and generated ids.
                    value = TreeRoot().Replace(value, "\"treeRoot\":\"(generated)\"");
                    value = Id().Replace(value, m => names.TryGetValue(Guid.Parse(m.Value), out var name) ? name : "(unknown id " + m.Value + ")");
                    row.Append(column).Append('=').Append(value).Append('|');
                }
                if (!skip)
                {
                    rows.Add(row.ToString());
                }
            }
            rows.Sort(StringComparer.Ordinal);
            tables[table] = rows;
        }
        return tables;
    }

    /// <summary>What each id the import made stands for, the same in both databases.</summary>
    private static async Task<Dictionary<Guid, string>> NamesAsync(HabeasDb db)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var x in await db.ExternalIds.Where(x => x.RecordType == "person").ToListAsync())
        {
            names.Add(x.RecordId, "person:" + x.Value);
        }
        foreach (var place in await db.Places.ToListAsync())
        {
            names.Add(place.Id, "place:" + string.Join('/', place.Names.Values));
        }
        foreach (var source in await db.Sources.IgnoreQueryFilters().ToListAsync())
        {
            names.Add(source.Id, "source:" + source.Url);
        }
        foreach (var n in await db.PersonNames.IgnoreQueryFilters().ToListAsync())
        {
            names.Add(n.Id, $"name:{names[n.PersonId]}:{n.SortOrder}");
        }
        foreach (var e in await db.Events.IgnoreQueryFilters().Include(e => e.People).ToListAsync())
        {
            names.Add(e.Id, $"event:{string.Join('+', e.People.Select(p => names[p.PersonId]).Order(StringComparer.Ordinal))}:{e.Type}:{e.Date}");
        }
        foreach (var c in await db.Citations.IgnoreQueryFilters().ToListAsync())
        {
            names.Add(c.Id, $"citation:{names[c.SourceId]}:{names[c.TargetId]}");
        }
        foreach (var a in await db.AuditEntries.Where(a => a.Action == "import").ToListAsync())
        {
            names.Add(a.RecordId, "import:" + a.Sequence.ToString(CultureInfo.InvariantCulture));
        }
        return names;
    }

    [GeneratedRegex("\"treeRoot\":\"[0-9a-f]{64}\"")]
    private static partial Regex TreeRoot();

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Id();

    [GeneratedRegex("\"at\":\"[^\"]*\"")]
    private static partial Regex EntryTime();
}
