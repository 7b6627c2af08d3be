using System.Text.Json;
using Habeas.Platform.Audit;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Audit;

public sealed class AuditLogTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryChange_WritesAnEntryWithTheChangedFields_AndTheLogVerifies(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Sok Yeun");
        (
            await client.PutAsync(
                $"/api/v1/people/{id}",
                System.Net.Http.Json.JsonContent.Create(
                    new
                    {
                        name = "Sok Yeun",
                        occupation = "Farmer",
                        version = 1,
                    }
                )
            )
        ).EnsureSuccessStatusCode();

        await using var db = app.OpenDb();
        var entries = await db.AuditEntries.Where(e => e.RecordId == id).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["created", "updated"], entries.Select(e => e.Action));
        Assert.Equal(entries[0].Sequence + 1, entries[1].Sequence);
        using var update = JsonDocument.Parse(entries[1].Entry);
        var occupation = update.RootElement.GetProperty("changes").GetProperty("occupation");
        Assert.Equal(JsonValueKind.Null, occupation[0].ValueKind);
        Assert.Equal("Farmer", occupation[1].GetString());
        Assert.False(update.RootElement.GetProperty("changes").TryGetProperty("names", out _));
        Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ChangingDeletingOrReorderingAnEntry_InTheDatabase_IsFoundAtThatEntry(string provider)
    {
        foreach (var tamper in new[] { "change", "delete", "reorder" })
        {
            await using var database = await TestDatabase.CreateAsync(provider);
            var where = database.CliArguments;
            Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["demo", .. where]));
            Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["audit", "verify", .. where]));

            await using var db = SchemaTests.Open(database);
            await AllowTampering(db, provider);
            var expected = tamper switch
            {
                "change" => await Tamper(
                    db,
                    "UPDATE audit_entries SET entry = replace(entry, '\"recordType\":', '\"recordType\" :') WHERE sequence = 7",
                    7
                ),
                "delete" => await Tamper(db, "DELETE FROM audit_entries WHERE sequence = 5", 6),
                _ => await Tamper(
                    db,
                    "UPDATE audit_entries SET sequence = -1 WHERE sequence = 3; UPDATE audit_entries SET sequence = 3 WHERE sequence = 4; UPDATE audit_entries SET sequence = 4 WHERE sequence = -1",
                    3
                ),
            };

            var failure = await AuditLog.VerifyAsync(db, CancellationToken.None);
            Assert.NotNull(failure);
            Assert.Equal(expected, failure.Sequence);
            Assert.Equal(1, await Habeas.Host.Verbs.RunAsync(["audit", "verify", .. where]));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ASignedHead_KeptElsewhere_DetectsARewrittenLog_EvenWithRecomputedHashes(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var where = database.CliArguments;
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["demo", .. where]));
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["audit", "head", .. where]));
        }
        finally
        {
            Console.SetOut(original);
        }
        var headFile = Path.Combine(database.DataDirectory, "head.json");
        await File.WriteAllTextAsync(headFile, output.ToString().Split('\n').Last(l => l.StartsWith('{')));
        Assert.True(File.Exists(AuditKey.PathIn(database.Storage)));

        await using var db = SchemaTests.Open(database);
        db.Add(
            new Habeas.Records.People.Person
            {
                Names =
                [
                    new()
                    {
                        Text = "Later",
                        Script = "Latn",
                        Kind = "primary",
                    },
                ],
            }
        );
        await db.SaveChangesAsync();
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["audit", "verify", "--head", headFile, .. where]));

        // Rewrite entry 2's text and its leaf hash consistently: entry 3 committed to the log before it, so the chain
        // names entry 2 (before migration 0023 only the head saw it), and the head sees it too.
        await AllowTampering(db, provider);
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2);
        var forged = entry.Entry.Replace("\"recordType\":", "\"recordType\" :", StringComparison.Ordinal);
        Assert.NotEqual(entry.Entry, forged);
        var hash = Habeas.Core.Audit.MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes(forged));
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET entry = {0}, leaf_hash = {1} WHERE sequence = 2", forged, hash);
        Assert.Equal(2, (await AuditLog.VerifyAsync(db, CancellationToken.None))?.Sequence);
        Assert.Equal(1, await Habeas.Host.Verbs.RunAsync(["audit", "verify", "--head", headFile, .. where]));
    }

    private static async Task<long> Tamper(Habeas.Platform.Storage.HabeasDb db, string sql, long expected)
    {
        await db.Database.ExecuteSqlRawAsync(sql);
        return expected;
    }

    private static Task<int> AllowTampering(Habeas.Platform.Storage.HabeasDb db, string provider) =>
        db.Database.ExecuteSqlRawAsync(
            provider == TestDatabase.Sqlite
                ? "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete"
                : "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"
        );
}
