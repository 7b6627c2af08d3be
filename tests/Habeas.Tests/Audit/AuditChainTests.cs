using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Core.Audit;
using Habeas.Platform.Audit;
using Habeas.Platform.Mail;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Habeas.Tests.Audit;

/// <summary>
/// An attacker who holds the database alone (the key folder untouched) rewrites the audit log with SQL, recomputing
/// every hash they can: audit verify names the first changed entry (review finding 4).
/// </summary>
public sealed partial class AuditChainTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ATextChange_WithItsHashRecomputed_IsNamedAtThatEntry(string provider)
    {
        await using var database = await DemoAsync(provider);
        await using var db = SchemaTests.Open(database);
        await RewriteAsync(
            db,
            provider,
            entries =>
            {
                entries[6].Entry = entries[6].Entry.Replace("\"recordType\":", "\"recordType\" :", StringComparison.Ordinal);
                return entries;
            },
            rechainFrom: null
        );

        await AssertNamedAsync(database, db, 7);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ASwapOfTwoEntries_WithSequencesAndHashesRewritten_IsNamedAtTheFirst(string provider)
    {
        await using var database = await DemoAsync(provider);
        await using var db = SchemaTests.Open(database);
        await RewriteAsync(
            db,
            provider,
            entries =>
            {
                (entries[5], entries[6]) = (entries[6], entries[5]);
                return entries;
            },
            rechainFrom: null
        );

        await AssertNamedAsync(database, db, 6);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ADeletion_WithTheRestRenumberedAndRehashed_IsNamedAtTheDeletedPlace(string provider)
    {
        await using var database = await DemoAsync(provider);
        await using var db = SchemaTests.Open(database);
        await RewriteAsync(
            db,
            provider,
            entries =>
            {
                entries.RemoveAt(6);
                return entries;
            },
            rechainFrom: null
        );

        await AssertNamedAsync(database, db, 7);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnEditOfTheActorColumnOnly_IsNamedAtThatEntry(string provider)
    {
        await using var database = await DemoAsync(provider);
        await using var db = SchemaTests.Open(database);
        await AllowTamperingAsync(db, provider);
        await db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET actor = 'innocent@example.org' WHERE sequence = 9");

        var failure = await AssertNamedAsync(database, db, 9);
        Assert.Contains("actor", failure.Reason, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AWholeChainRecomputedFromAnEntry_IsNamedAfterTheLastStoredHeadThatStillMatches(string provider)
    {
        await using var database = await DemoAsync(provider);
        await using var db = SchemaTests.Open(database);
        // Heads stored as the log grew: one at 5 entries, one over the whole demo.
        using (var key = AuditKey.LoadOrCreate(database.Storage))
        {
            var leaves = await AuditLog.LeafHashesAsync(db, CancellationToken.None);
            var atFive = new TreeHeadSigner(key).Sign(new TreeHead(5, MerkleTree.RootHash(leaves.Take(5).ToList()), DateTimeOffset.UtcNow));
            db.AuditHeads.Add(
                new AuditHead
                {
                    TreeSize = 5,
                    SignedAt = DateTimeOffset.UtcNow,
                    Head = atFive.ToJson(),
                }
            );
            await db.SaveChangesAsync();
        }
        await AuditHeads.StoreAndSendAsync(
            db,
            database.Storage,
            new AuditHeadOptions(),
            DateTimeOffset.UtcNow,
            NullLogger.Instance,
            CancellationToken.None
        );
        db.ChangeTracker.Clear();
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["audit", "verify", .. database.CliArguments]));

        // Entry 8 changed, and every entry from it on re-chained and re-hashed: the chain alone holds, the heads do not.
        await RewriteAsync(
            db,
            provider,
            entries =>
            {
                entries[7].Entry = entries[7].Entry.Replace("\"recordType\":", "\"recordType\" :", StringComparison.Ordinal);
                return entries;
            },
            rechainFrom: 8
        );

        var failure = await AssertNamedAsync(database, db, 6);
        Assert.Contains("last good signed head (size 5)", failure.Reason, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ATruncation_WithTheStoredHeadsRemovedToo_IsCaughtByTheHeadKeptOutside(string provider)
    {
        await using var database = await DemoAsync(provider);
        var outside = Path.Combine(database.DataDirectory, "..", $"heads-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var db = SchemaTests.Open(database);
            var head = await AuditHeads.StoreAndSendAsync(
                db,
                database.Storage,
                new AuditHeadOptions { File = outside },
                DateTimeOffset.UtcNow,
                NullLogger.Instance,
                CancellationToken.None
            );
            Assert.Equal(head.ToJson(), (await File.ReadAllLinesAsync(outside)).Last());
            var size = head.Head.TreeSize;

            await AllowTamperingAsync(db, provider);
            await db.AuditEntries.Where(e => e.Sequence > size - 3).ExecuteDeleteAsync();
            // Only the stored head knows: verify alone names the first missing entry.
            var failure = await AuditLog.VerifyAsync(db, CancellationToken.None);
            Assert.NotNull(failure);
            Assert.Equal(size - 2, failure.Sequence);

            await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_heads");
            Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
            Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["audit", "verify", "--skip-records", .. database.CliArguments]));
            var (exit, error) = await RunCapturingErrorAsync(["audit", "verify", "--head", outside, .. database.CliArguments]);
            Assert.Equal(1, exit);
            Assert.Contains($"truncated: it holds {size - 3} entries", error, StringComparison.Ordinal);
            Assert.Contains($"entries {size - 2} to {size} were removed", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARecordEditedBehindTheApplicationsBack_IsReportedByVerify(string provider)
    {
        await using var database = await DemoAsync(provider);
        await using var db = SchemaTests.Open(database);
        var (drifts, compared) = await RecordDrift.FindAsync(db, 20, CancellationToken.None);
        Assert.Empty(drifts);
        Assert.True(compared > 10);

        var person = await db.People.IgnoreQueryFilters().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        await db
            .People.IgnoreQueryFilters()
            .Where(p => p.Id == person)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Occupation, "Forged occupation"));

        (drifts, _) = await RecordDrift.FindAsync(db, 20, CancellationToken.None);
        var drift = Assert.Single(drifts);
        Assert.Equal(("person", person), (drift.RecordType, drift.RecordId));
        var (exit, error) = await RunCapturingErrorAsync(["audit", "verify", .. database.CliArguments]);
        Assert.Equal(1, exit);
        Assert.Contains($"person {person}", error, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheScheduledJob_SignsAHeadOnceTheLogHasGrown_StoresIt_AndSendsItToTheFileAndTheWitness(string provider)
    {
        var outside = Path.Combine(Path.GetTempPath(), $"habeas-heads-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using var app = await TestApp.StartAsync(
                provider,
                settings: new Dictionary<string, string?>
                {
                    ["Habeas:Audit:HeadEveryEntries"] = "3",
                    ["Habeas:Audit:HeadEveryMinutes"] = "0",
                    ["Habeas:Audit:HeadFile"] = outside,
                    ["Habeas:Audit:HeadWitness"] = "witness@example.org",
                }
            );
            var client = app.CreateClient();
            for (var i = 0; i < 3; i++)
            {
                await TestApp.CreatePersonAsync(client, $"Head person {i}");
            }
            var job = app.Services.GetRequiredService<AuditHeads>();
            var head = await job.RunIfDueAsync(CancellationToken.None);
            Assert.NotNull(head);

            await using var db = app.OpenDb();
            var size = await db.AuditEntries.CountAsync();
            Assert.Equal(size, head.Head.TreeSize);
            var stored = await db.AuditHeads.SingleAsync();
            Assert.Equal((long)size, stored.TreeSize);
            Assert.Equal(head.ToJson(), stored.Head);
            Assert.Equal(head.ToJson(), (await File.ReadAllLinesAsync(outside)).Single());
            var mail = await db.OutboxMessages.SingleAsync(m => m.ToAddress == "witness@example.org");
            Assert.Contains($"signed head at {size} entries", mail.Subject, StringComparison.Ordinal);
            // The mail worker empties the body once it is sent (files transport here); until then it holds the head.
            Assert.True(mail.Body.Length == 0 || mail.Body.Contains(head.ToJson(), StringComparison.Ordinal));
            using (var key = AuditKey.LoadExisting(app.Database.Storage))
            {
                Assert.True(new TreeHeadSigner(key!).Verify(head));
            }

            // Not due again until the log has grown by three more entries.
            await db
                .ScheduledJobs.Where(j => j.Name == AuditHeads.Job)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
            Assert.Null(await job.RunIfDueAsync(CancellationToken.None));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheAuditApi_ShowsTheHashedActor_AndFlagsAForgedColumn(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        var id = await TestApp.CreatePersonAsync(client, "Chan Dara");
        string actor;
        await using (var db = app.OpenDb())
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.RecordId == id);
            actor = entry.Actor!;
            await AllowTamperingAsync(db, provider);
            await db
                .AuditEntries.Where(e => e.Sequence == entry.Sequence)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.Actor, "innocent@example.org"));
        }

        using var page = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/audit/entries?recordId={id}"));
        var item = Assert.Single(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(actor, item.GetProperty("actor").GetString());
        Assert.True(item.GetProperty("columnsDiffer").GetBoolean());
        Assert.DoesNotContain(
            "innocent@example.org",
            await client.GetStringAsync($"/api/v1/audit/entries?recordId={id}"),
            StringComparison.Ordinal
        );
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EntriesFromBeforeTheChain_StillVerify_AndTheFirstChainedEntryCommitsToThem(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = SchemaTests.Open(database);
        await Migrator.MigrateAsync(db, CancellationToken.None);
        var at = DateTimeOffset.UtcNow;
        var id = Guid.CreateVersion7();
        var old = JsonSerializer.Serialize(
            new
            {
                sequence = 1,
                at = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                actor = (string?)null,
                action = "created",
                recordType = "person",
                recordId = id,
                changes = new { },
            },
            Web
        );
        db.AuditEntries.Add(
            new AuditEntry
            {
                Sequence = 1,
                At = at,
                Actor = null,
                Action = "created",
                RecordType = "person",
                RecordId = id,
                Entry = old,
                LeafHash = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(old)),
            }
        );
        await db.SaveChangesAsync();
        db.Add(
            new Habeas.Records.People.Person
            {
                Names =
                [
                    new()
                    {
                        Text = "After the chain",
                        Script = "Latn",
                        Kind = "primary",
                    },
                ],
            }
        );
        await db.SaveChangesAsync();

        var check = await AuditLog.CheckAsync(db, null, CancellationToken.None);
        Assert.Null(check.Failure);
        Assert.Equal(2, check.ChainStart);
        var second = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2);
        Assert.Contains(
            $"\"treeSize\":1,\"treeRoot\":\"{Convert.ToHexStringLower(MerkleTree.LeafHash(Encoding.UTF8.GetBytes(old)))}\"",
            second.Entry,
            StringComparison.Ordinal
        );
    }

    private static async Task<TestDatabase> DemoAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["demo", .. database.CliArguments]));
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["audit", "verify", .. database.CliArguments]));
        return database;
    }

    private static async Task<AuditChainFailure> AssertNamedAsync(TestDatabase database, HabeasDb db, long expected)
    {
        using var key = AuditKey.LoadExisting(database.Storage);
        var check = await AuditLog.CheckAsync(db, key is null ? null : new TreeHeadSigner(key), CancellationToken.None);
        Assert.NotNull(check.Failure);
        Assert.Equal(expected, check.Failure.Sequence);
        var (exit, error) = await RunCapturingErrorAsync(["audit", "verify", "--skip-records", .. database.CliArguments]);
        Assert.Equal(1, exit);
        Assert.Contains($"entry {expected}:", error, StringComparison.Ordinal);
        return check.Failure;
    }

    private static async Task<(int Exit, string Error)> RunCapturingErrorAsync(string[] arguments)
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            return (await Habeas.Host.Verbs.RunAsync(arguments), error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }

    /// <summary>
    /// What an attacker with the database does: takes the entries, changes their list, writes each one's sequence into
    /// its row and its JSON, recomputes every leaf hash (and, from <paramref name="rechainFrom"/> on, every entry's record
    /// of the tree before it), and puts the rows back with their columns matching.
    /// </summary>
    private static async Task RewriteAsync(HabeasDb db, string provider, Func<List<AuditEntry>, List<AuditEntry>> change, long? rechainFrom)
    {
        await AllowTamperingAsync(db, provider);
        var original = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        var entries = change(
            original
                .Select(e => new AuditEntry
                {
                    Sequence = e.Sequence,
                    At = e.At,
                    Actor = e.Actor,
                    Action = e.Action,
                    RecordType = e.RecordType,
                    RecordId = e.RecordId,
                    Entry = e.Entry,
                    LeafHash = e.LeafHash,
                })
                .ToList()
        );
        var tree = new MerkleFrontier();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            entry.Sequence = i + 1;
            entry.Entry = SequenceField().Replace(entry.Entry, $"{{\"sequence\":{i + 1},", 1);
            if (rechainFrom is { } from && i + 1 >= from)
            {
                entry.Entry = TreeFields()
                    .Replace(entry.Entry, $"\"treeSize\":{i},\"treeRoot\":\"{Convert.ToHexStringLower(tree.Root())}\"", 1);
            }
            entry.LeafHash = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(entry.Entry));
            tree.Append(entry.LeafHash);
        }
        await db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries");
        db.AuditEntries.AddRange(entries);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static Task<int> AllowTamperingAsync(HabeasDb db, string provider) =>
        db.Database.ExecuteSqlRawAsync(
            provider == TestDatabase.Sqlite
                ? "DROP TRIGGER IF EXISTS audit_entries_no_update; DROP TRIGGER IF EXISTS audit_entries_no_delete; DROP TRIGGER IF EXISTS audit_heads_no_update; DROP TRIGGER IF EXISTS audit_heads_no_delete"
                : "ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only; ALTER TABLE audit_heads DISABLE TRIGGER audit_heads_append_only"
        );

    [GeneratedRegex("^\\{\"sequence\":\\d+,")]
    private static partial Regex SequenceField();

    [GeneratedRegex("\"treeSize\":\\d+,\"treeRoot\":\"[0-9a-f]+\"")]
    private static partial Regex TreeFields();
}
