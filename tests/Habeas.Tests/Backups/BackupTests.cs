using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Platform.Backups;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Backups;

/// <summary>Online backups while writes go on, restored into a fresh installation that boots and verifies.</summary>
public sealed class BackupTests
{
    private const string Passphrase = "a long enough passphrase for tests";
    private const string Health = "CANARY-backup-health-3f9";

    private static List<string> Migrations(string provider) =>
        Migrator.Scripts(provider == TestDatabase.Postgres ? "postgres" : "sqlite").Select(s => s.Id).ToList();

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ABackupTakenDuringWrites_RestoresIntoAFreshInstallation_ThatBootsAndVerifies(string provider)
    {
        var backup = Path.Combine(Path.GetTempPath(), $"habeas-backup-{Guid.NewGuid():N}.tar.gz");
        Guid person;
        int before,
            after;
        await using (var app = await TestApp.StartAsync(provider))
        {
            var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
            person = await TestApp.CreatePersonAsync(holder.Client, "Sok Yoeun");
            Assert.Equal(
                HttpStatusCode.OK,
                (
                    await holder.Client.PutAsJsonAsync(
                        $"/api/v1/people/{person}/confidential",
                        new { fields = new Dictionary<string, string> { ["health"] = Health }, version = 0 }
                    )
                ).StatusCode
            );
            await using (var db = app.OpenDb())
            {
                before = await db.People.CountAsync();
            }

            // Writers keep going while the backup runs.
            using var stop = new CancellationTokenSource();
            var client = app.CreateClient();
            var writers = Enumerable
                .Range(0, 3)
                .Select(w =>
                    Task.Run(async () =>
                    {
                        var n = 0;
                        while (!stop.IsCancellationRequested)
                        {
                            (
                                await client.PostAsJsonAsync("/api/v1/people", new { name = $"Writer {w} person {n++}" })
                            ).EnsureSuccessStatusCode();
                        }
                        return n;
                    })
                )
                .ToList();
            await Task.Delay(300);
            var manifest = await BackupArchive.CreateAsync(
                app.Database.Storage,
                Migrations(provider),
                backup,
                Passphrase,
                TimeProvider.System,
                CancellationToken.None
            );
            await stop.CancelAsync();
            var written = (await Task.WhenAll(writers)).Sum();
            Assert.True(written > 0, "no write ran during the backup");
            Assert.Equal(BackupManifest.KeysSealed, manifest.Keys);
            await using (var db = app.OpenDb())
            {
                after = await db.People.CountAsync();
            }
        }

        var fresh = await TestDatabase.CreateAsync(provider);
        await BackupRestore.RestoreAsync(backup, fresh.Storage, Passphrase, keysFolder: null, CancellationToken.None);
        await using var restored = await TestApp.StartOnAsync(fresh);
        await using (var db = restored.OpenDb())
        {
            var count = await db.People.CountAsync();
            Assert.InRange(count, before, after);
            Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None));
            // Every restored person came with its history and audit entry: the snapshot was consistent.
            foreach (var id in await db.People.Select(p => p.Id).ToListAsync())
            {
                Assert.True(await db.RecordVersions.AnyAsync(v => v.RecordId == id), $"person {id} has no history");
                Assert.True(await db.AuditEntries.AnyAsync(e => e.RecordId == id), $"person {id} has no audit entry");
            }
            if (provider == TestDatabase.Sqlite)
            {
                Assert.Equal(
                    "ok",
                    await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync() is [var result]
                        ? result
                        : "several answers"
                );
            }
        }
        // The key ring came back: the confidential value reads.
        var reader = await restored.AccountAsync(Roles.Monitor, confidential: true);
        var read = await reader.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}/confidential");
        Assert.Contains(Health, read.GetRawText(), StringComparison.Ordinal);
        File.Delete(backup);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ARestoreWithoutTheKeys_OrWithAWrongPassphrase_FailsClearly_AndWritesNothing(string provider)
    {
        var withoutKeys = Path.Combine(Path.GetTempPath(), $"habeas-backup-{Guid.NewGuid():N}.tar.gz");
        var sealedKeys = Path.Combine(Path.GetTempPath(), $"habeas-backup-{Guid.NewGuid():N}.tar.gz");
        await using (var app = await TestApp.StartAsync(provider))
        {
            await TestApp.CreatePersonAsync(app.CreateClient(), "Sok Yoeun");
            var passphraseFile = Path.GetTempFileName();
            await File.WriteAllTextAsync(passphraseFile, Passphrase + "\n");
            Assert.Equal(
                0,
                await Habeas.Host.Verbs.RunAsync(["backup", "--out", withoutKeys, "--without-keys", .. app.Database.CliArguments])
            );
            Assert.Equal(
                0,
                await Habeas.Host.Verbs.RunAsync([
                    "backup",
                    "--out",
                    sealedKeys,
                    "--passphrase-file",
                    passphraseFile,
                    .. app.Database.CliArguments,
                ])
            );
            Assert.Equal(2, await Habeas.Host.Verbs.RunAsync(["backup", "--out", sealedKeys + ".x", .. app.Database.CliArguments])); // neither a passphrase nor --without-keys
            File.Delete(passphraseFile);
        }

        await using var fresh = await TestDatabase.CreateAsync(provider);
        var noKeys = await Assert.ThrowsAsync<BackupException>(() =>
            BackupRestore.RestoreAsync(withoutKeys, fresh.Storage, null, null, CancellationToken.None)
        );
        Assert.Contains("without its keys", noKeys.Message, StringComparison.Ordinal);
        Assert.Contains("--keys", noKeys.Message, StringComparison.Ordinal);
        var noPassphrase = await Assert.ThrowsAsync<BackupException>(() =>
            BackupRestore.RestoreAsync(sealedKeys, fresh.Storage, null, null, CancellationToken.None)
        );
        Assert.Contains("passphrase", noPassphrase.Message, StringComparison.Ordinal);
        var wrong = await Assert.ThrowsAsync<BackupException>(() =>
            BackupRestore.RestoreAsync(sealedKeys, fresh.Storage, "not the passphrase at all", null, CancellationToken.None)
        );
        Assert.Contains("does not open the keys", wrong.Message, StringComparison.Ordinal);

        // Nothing was written by any of them.
        Assert.False(File.Exists(fresh.Storage.SqlitePath) && new FileInfo(fresh.Storage.SqlitePath).Length > 0);
        Assert.False(Directory.Exists(Path.Combine(fresh.DataDirectory, "keys")));
        Assert.False(Directory.Exists(Path.Combine(fresh.DataDirectory, ".restore")));
        if (provider == TestDatabase.Postgres)
        {
            await using var db = new HabeasDb(
                new DbContextOptionsBuilder<HabeasDb>().UseNpgsql(fresh.ConnectionString).Options,
                TimeProvider.System
            );
            Assert.Equal(
                0,
                await db
                    .Database.SqlQueryRaw<int>(
                        "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'"
                    )
                    .SingleAsync()
            );
        }

        // A damaged backup is refused too.
        var damaged = sealedKeys + ".damaged";
        var bytes = await File.ReadAllBytesAsync(sealedKeys);
        bytes[bytes.Length / 2] ^= 0x5A;
        await File.WriteAllBytesAsync(damaged, bytes);
        await Assert.ThrowsAnyAsync<Exception>(() =>
            BackupRestore.RestoreAsync(damaged, fresh.Storage, Passphrase, null, CancellationToken.None)
        );
        Assert.False(File.Exists(fresh.Storage.SqlitePath) && new FileInfo(fresh.Storage.SqlitePath).Length > 0);
        foreach (var file in new[] { withoutKeys, sealedKeys, damaged })
        {
            File.Delete(file);
        }
    }
}

/// <summary>serve's scheduled backups: made by one server of several, kept to the configured number.</summary>
public sealed class ScheduledBackupTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ADueBackup_IsMadeByOneServerOnly_AndOldOnesArePruned(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var folder = Path.Combine(app.Database.DataDirectory, "scheduled");
        var passphraseFile = Path.Combine(app.Database.DataDirectory, "passphrase.txt");
        await File.WriteAllTextAsync(passphraseFile, "a long enough passphrase for tests\n");
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    [ScheduledBackups.EveryHoursKey] = "24",
                    [ScheduledBackups.KeepKey] = "2",
                    [ScheduledBackups.FolderKey] = folder,
                    [ScheduledBackups.PassphraseFileKey] = passphraseFile,
                }
            )
            .Build();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        ScheduledBackups Server() =>
            new(
                app.Services.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(),
                app.Database.Storage,
                configuration,
                clock,
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ScheduledBackups>.Instance
            );
        var a = Server();
        var b = Server();

        Assert.Null(await a.RunIfDueAsync(CancellationToken.None)); // a new installation: first due in an hour
        async Task MakeDueAsync()
        {
            await using var db = app.OpenDb();
            await db
                .ScheduledJobs.Where(j => j.Name == ScheduledBackups.Job)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.DueAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        for (var round = 1; round <= 3; round++)
        {
            await MakeDueAsync();
            var made = await Task.WhenAll(a.RunIfDueAsync(CancellationToken.None), b.RunIfDueAsync(CancellationToken.None));
            Assert.Single(made, p => p is not null);
            Assert.Null(await a.RunIfDueAsync(CancellationToken.None)); // not due again for a day
            clock.Advance(TimeSpan.FromSeconds(1.1)); // the file names count seconds
        }
        var kept = Directory.GetFiles(folder, "habeas-*.tar.gz");
        Assert.Equal(2, kept.Length);

        await using (var db = app.OpenDb())
        {
            var job = await db.ScheduledJobs.SingleAsync(j => j.Name == ScheduledBackups.Job);
            Assert.StartsWith("ok:", job.LastResult, StringComparison.Ordinal);
            Assert.Contains("keys sealed", job.LastResult, StringComparison.Ordinal);
            Assert.True(job.DueAt > DateTimeOffset.UtcNow.AddHours(23));
            // A server that died holding the job loses it when its lease ends.
            await db
                .ScheduledJobs.Where(j => j.Name == ScheduledBackups.Job)
                .ExecuteUpdateAsync(u =>
                    u.SetProperty(j => j.DueAt, DateTimeOffset.UtcNow.AddMinutes(-5))
                        .SetProperty(j => j.LeaseOwner, "a dead server")
                        .SetProperty(j => j.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(30))
                );
        }
        Assert.Null(await a.RunIfDueAsync(CancellationToken.None));
        await using (var db = app.OpenDb())
        {
            await db
                .ScheduledJobs.Where(j => j.Name == ScheduledBackups.Job)
                .ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseUntil, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        Assert.NotNull(await a.RunIfDueAsync(CancellationToken.None));

        // What it wrote restores.
        var newest = Directory.GetFiles(folder, "habeas-*.tar.gz").Order(StringComparer.Ordinal).Last();
        await using var fresh = await TestDatabase.CreateAsync(provider);
        var manifest = await BackupRestore.RestoreAsync(
            newest,
            fresh.Storage,
            "a long enough passphrase for tests",
            null,
            CancellationToken.None
        );
        Assert.Equal(BackupManifest.KeysSealed, manifest.Keys);
    }
}
