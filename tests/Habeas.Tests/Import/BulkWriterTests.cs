using Habeas.Platform.Audit;
using Habeas.Platform.History;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Custody;
using Habeas.Records.Search;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Import;

/// <summary>
/// An import writes the records it creates with the bulk writer's own inserts (Publishing/Import/BulkWriter.cs), and what
/// is written beside them (version, search entries, audit entries, custody) through the one write path,
/// Platform/Storage/RecordSaving.cs, as every save does. There is no second path to compare with any more; what is left
/// to check is that the inserts write every record as it was: each one, read back through EF Core with its parts, is
/// the record its first history version was taken from.
/// </summary>
public sealed class BulkWriterTests
{
    private const string Csv = """
        ref,name,latin,sex,born,job,tag,level,arrested,prison,sentenced,term,freed,source,page
        A1,សុខ យឿន,Sok Yoeun,male,1950,farmer,human-rights-defender,internal,1999-12-15,Prey Sar,2000-06-01,6 months,,https://example.org/a,p. 3
        A2,สมชาย ศรีสุข,Somchai Srisuk,male,1971-05,journalist,journalist,public,2014-06-01,Klong Prem,2015,3 years,2019-06-01,https://example.org/b,
        A3,Nguyễn Văn Đài,,male,,lawyer,,restricted,2015-12-16,Hanoi B14,,,,,
        """;

    private const string Mapping = """
        {
          "system": "bulk",
          "columns": { "ref": "externalId", "name": "name", "latin": "name:romanization", "sex": "sex", "born": "birthDate",
            "job": "occupation", "tag": "tags", "level": "level", "arrested": "event1.date", "prison": "event1.place",
            "sentenced": "event2.date", "term": "event2.sentence", "freed": "event3.date", "source": "source1.url", "page": "source1.page" },
          "constants": { "event1.type": "arrest", "event2.type": "verdict", "event2.decision": "convicted", "event3.type": "release" },
          "placeKind": "prison"
        }
        """;

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryRecordItWrites_ReadsBack_AsTheRecordOfItsFirstVersion(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var report = await Imports.RunAsync(app, Csv, Mapping);
        Assert.Empty(report.Problems);
        Assert.True(report.Written);

        await using var db = app.OpenDb();
        var types = db
            .Model.GetEntityTypes()
            .Select(t => t.ClrType)
            .Where(t => typeof(IVersioned).IsAssignableFrom(t) && !t.IsAbstract)
            .ToDictionary(t => ((IVersioned)Activator.CreateInstance(t)!).RecordType);
        var versions = await db.RecordVersions.AsNoTracking().Where(v => v.Version == 1).ToListAsync();
        // Three people, their events (arrest, verdict, release), places, sources; the citations of people and events.
        var written = versions.GroupBy(v => v.RecordType).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, written["person"]);
        Assert.True(written["event"] >= 6, $"{written["event"]} events");
        Assert.True(written["place"] >= 3 && written["source"] >= 2, string.Join(", ", written));
        Assert.Contains("citation", written.Keys);

        foreach (var version in versions)
        {
            var record = (IVersioned)(await db.FindAsync(types[version.RecordType], version.RecordId))!;
            Assert.NotNull(record);
            await RecordSaving.LoadPartsAsync(db, db.Entry(record), CancellationToken.None);
            Assert.Equal(1, record.Version);
            Assert.Equal(version.Data, RecordSaving.SnapshotText(record));
            Assert.Equal("created", version.Change);
        }

        // What the write path writes beside them: an audit entry per record in a chain that verifies, search entries
        // for the names in both scripts, the custody of the person still held.
        Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
        var audited = await db.AuditEntries.Select(a => a.RecordId).ToListAsync();
        Assert.All(versions, v => Assert.Contains(v.RecordId, audited));
        Assert.True(await db.SearchEntries.CountAsync() >= 5);
        Assert.Equal(3, await db.CustodyPeriods.IgnoreQueryFilters().Select(p => p.PersonId).Distinct().CountAsync());
    }

    [Fact]
    public void TheBulkWriter_WritesNothingBesideTheRecords_ButThroughTheWritePath()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Sources, "Publishing", "Import", "BulkWriter.cs"));
        Assert.Contains("_saving.PrepareNew(", source, StringComparison.Ordinal);
        Assert.Contains("_saving.WriteDerivedAsync(", source, StringComparison.Ordinal);
        foreach (var own in new[] { nameof(RecordVersion), "AuditEntry", "SearchEntry", "CustodyPeriod", "AuditLog." })
        {
            Assert.DoesNotContain($"new {own}", source, StringComparison.Ordinal);
            Assert.DoesNotContain($"{own}.Entries", source, StringComparison.Ordinal);
        }
    }
}
