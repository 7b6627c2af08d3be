using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Platform.Confidential;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Confidential;

public sealed class ConfidentialTests
{
    private const string Health = "CANARY-health-diabetic-needs-insulin-7731";
    private const string Prison = "CANARY-prison-address-Prey-Sar-block-C-5512";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AGrantHolder_WritesAndReads_OthersAreRefused_AndTheAuditKeepsOnlyCiphertexts(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var plain = await app.AccountAsync(Roles.Monitor);
        var person = await TestApp.CreatePersonAsync(app.CreateClient(), "Long Sokunthy");

        var put = await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{person}/confidential",
            new { fields = new Dictionary<string, string> { ["health"] = Health, ["prison-address"] = Prison }, version = 0 }
        );
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await holder.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}/confidential");
        Assert.Equal(Health, read.GetProperty("fields").GetProperty("health").GetString());
        Assert.Equal(Prison, read.GetProperty("fields").GetProperty("prison-address").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await plain.Client.GetAsync($"/api/v1/people/{person}/confidential")).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await plain.Client.PutAsJsonAsync(
                    $"/api/v1/people/{person}/confidential",
                    new { fields = new { health = "x" }, version = 1 }
                )
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.Client.GetAsync($"/confidential/people/{person}")).StatusCode);
        // Even the holder gets them only from the confidential operation, never with the record.
        Assert.DoesNotContain("CANARY", await holder.Client.GetStringAsync($"/api/v1/people/{person}"), StringComparison.Ordinal);
        var page = await holder.Client.GetStringAsync($"/confidential/people/{person}");
        Assert.Contains(Health, page, StringComparison.Ordinal);

        var wrongField = await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{person}/confidential",
            new { fields = new Dictionary<string, string> { ["blood-type"] = "CANARY-wrong-field" }, version = 1 }
        );
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        var problem = await wrongField.Content.ReadAsStringAsync();
        Assert.Contains("blood-type", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARY", problem, StringComparison.Ordinal);

        await using var db = app.OpenDb();
        var entries = await db.AuditEntries.Where(e => e.RecordId == person).ToListAsync();
        Assert.Contains(entries, e => e.Action == "confidential-updated" && e.Actor == holder.Email);
        Assert.Equal(2, entries.Count(e => e.Action == "confidential-read")); // the API read and the page
        Assert.All(entries, e => Assert.DoesNotContain("CANARY", e.Entry, StringComparison.Ordinal));
        var stored = await db.ConfidentialValues.Where(v => v.RecordId == person).ToListAsync();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, v => Assert.StartsWith("v1.k1.", v.Ciphertext, StringComparison.Ordinal));
        Assert.Contains(entries, e =>
            e.Action == "confidential-updated" && e.Entry.Contains(stored[0].Ciphertext, StringComparison.Ordinal)
        );
        Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheStoredDatabase_HoldsNoConfidentialText(string provider)
    {
        // A host of its own: this test reads every byte of the database file, and a pooled host's file still holds
        // the free pages of rows other tests wrote and the pool deleted (another test's canaries among them).
        await using var app = await TestApp.StartAsync(provider, settings: TestApp.OwnHost);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var person = await TestApp.CreatePersonAsync(app.CreateClient(), "Long Sokunthy");
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await holder.Client.PutAsJsonAsync(
                    $"/api/v1/people/{person}/confidential",
                    new { fields = new Dictionary<string, string> { ["health"] = Health }, version = 0 }
                )
            ).StatusCode
        );
        await holder.Client.GetAsync($"/api/v1/people/{person}/confidential");

        await using var db = app.OpenDb();
        if (provider == TestDatabase.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(FULL)");
            foreach (var file in Directory.GetFiles(app.Database.DataDirectory, "habeas.db*"))
            {
                var bytes = await ReadSharedAsync(file);
                Assert.DoesNotContain("CANARY", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
                Assert.DoesNotContain("CANARY", Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
            }
        }
        else
        {
            // Every text column of every table, as PostgreSQL holds it.
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var columns = new List<(string Table, string Column)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText =
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'bytea')";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            Assert.Contains(columns, c => c.Table == "confidential_values");
            foreach (var (table, column) in columns)
            {
                await using var command = connection.CreateCommand();
                command.CommandText =
                    $"SELECT count(*) FROM \"{table}\" WHERE encode(convert_to(\"{column}\"::text, 'UTF8'), 'escape') LIKE '%CANARY%'";
                Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
            }
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ACiphertextMovedToAnotherRow_IsRefused_NeverShownAsTheOtherValue(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var first = await TestApp.CreatePersonAsync(app.CreateClient(), "First Person");
        var second = await TestApp.CreatePersonAsync(app.CreateClient(), "Second Person");
        await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{first}/confidential",
            new { fields = new Dictionary<string, string> { ["health"] = Health }, version = 0 }
        );
        await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{second}/confidential",
            new { fields = new Dictionary<string, string> { ["health"] = "fine" }, version = 0 }
        );

        await using (var db = app.OpenDb())
        {
            var moved = await db.ConfidentialValues.Where(v => v.RecordId == first).Select(v => v.Ciphertext).SingleAsync();
            await db.ConfidentialValues.Where(v => v.RecordId == second).ExecuteUpdateAsync(s => s.SetProperty(v => v.Ciphertext, moved));
        }
        var response = await holder.Client.GetAsync($"/api/v1/people/{second}/confidential");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("CANARY", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task KeysRotate_ReEncryptsEveryValue_AndTheRunningServerStillReadsThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var person = await TestApp.CreatePersonAsync(app.CreateClient(), "Long Sokunthy");
        await holder.Client.PutAsJsonAsync(
            $"/api/v1/people/{person}/confidential",
            new { fields = new Dictionary<string, string> { ["health"] = Health }, version = 0 }
        );

        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["keys", "rotate", .. app.Database.CliArguments]));

        await using (var db = app.OpenDb())
        {
            Assert.StartsWith(
                "v1.k2.",
                await db.ConfidentialValues.Where(v => v.RecordId == person).Select(v => v.Ciphertext).SingleAsync(),
                StringComparison.Ordinal
            );
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == "keys-rotated"));
        }
        var ring = app.Services.GetRequiredService<KeyRing>();
        Assert.Equal(["k1", "k2"], ring.KeyIds);
        Assert.Equal("k2", ring.CurrentKeyId);
        var read = await holder.Client.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person}/confidential");
        Assert.Equal(Health, read.GetProperty("fields").GetProperty("health").GetString());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task KeyFiles_AreForTheServiceAccountOnly_AndTheDataProtectionKeysAreStoredEncrypted(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        (await app.CreateAnonymousClient().GetAsync("/login")).EnsureSuccessStatusCode(); // the antiforgery token makes a Data Protection key

        var keys = Path.Combine(app.Database.DataDirectory, "keys");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyRing.PathIn(app.Database.DataDirectory)));
        // The Data Protection keys live in the database (data_protection_keys, shared by several servers), each
        // encrypted with the key ring above; no key file is left in the data folder.
        Assert.False(
            Directory.Exists(Path.Combine(keys, DataProtectionKeys.FormerFolder))
                && Directory.EnumerateFiles(Path.Combine(keys, DataProtectionKeys.FormerFolder), "*.xml").Any()
        );
        await using var db = app.OpenDb();
        var protectionKeys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.NotEmpty(protectionKeys);
        foreach (var xml in protectionKeys)
        {
            Assert.Contains("encryptedKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("masterKey", xml, StringComparison.Ordinal);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AuthenticatorKeys_AreStoredEncrypted_ForTheirOwnAccountOnly(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var first = await app.AccountAsync(Roles.Monitor, confidential: true);
        var second = await app.AccountAsync(Roles.Monitor, confidential: true);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<HabeasUser>>();
        var key = await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(first.User.Id))!);
        Assert.Matches("^[A-Z2-7]{16,}$", key);

        await using var db = app.OpenDb();
        var stored = await db
            .UserTokens.Where(t => t.UserId == first.User.Id && t.Name == "AuthenticatorKey")
            .Select(t => t.Value)
            .SingleAsync();
        Assert.StartsWith("v1.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key!, stored, StringComparison.Ordinal);
        // Copied to another account, it does not decrypt.
        await db
            .UserTokens.Where(t => t.UserId == second.User.Id && t.Name == "AuthenticatorKey")
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Value, stored));
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(async () =>
            await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(second.User.Id))!)
        );
    }

    /// <summary>The bytes of a database file as they are now; a file SQLite removed since it was listed (the -shm and -wal
    /// files go when the last connection closes) holds nothing.</summary>
    internal static async Task<byte[]> ReadSharedAsync(string path)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            return memory.ToArray();
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }
}
