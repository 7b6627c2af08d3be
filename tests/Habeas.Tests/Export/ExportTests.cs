using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Access;
using Habeas.Platform.Confidential;
using Habeas.Publishing.Export;
using Habeas.Records.Custody;
using Habeas.Records.Files;
using Habeas.Records.People;
using Habeas.Tests.Files;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Habeas.Tests.Export;

/// <summary>
/// Export then import into an empty installation reproduces every record, name, event, citation,
/// file hash and (with the passphrase) confidential value; what an import refuses, and that it then writes nothing.
/// </summary>
public sealed class ExportTests
{
    private const string Passphrase = "a long passphrase for the export 7";

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task FullExport_ImportedIntoAnEmptyInstallation_ReproducesEveryTableFileAndConfidentialValue(string provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        var planted = await LoadAsync(source);
        using var work = new WorkFolder();
        var passphraseFile = work.File("passphrase.txt", Passphrase + "\n");

        Assert.Equal(
            0,
            await Habeas.Host.Verbs.RunAsync([
                "export",
                "--format",
                "json",
                "--full",
                "--out",
                work.Path("first"),
                "--passphrase-file",
                passphraseFile,
                .. source.CliArguments,
            ])
        );
        var manifest = Manifest(work.Path("first"));
        Assert.Equal("included", manifest["confidential"]!.GetValue<string>());
        Assert.True(manifest["encryption"]!["iterations"]!.GetValue<int>() >= 600_000);
        // The confidential values are in the export only encrypted.
        Assert.DoesNotContain("CONFIDENTIAL-VALUE", AllText(work.Path("first")), StringComparison.Ordinal);

        await using var target = await TestDatabase.CreateAsync(provider);
        var output = new StringWriter();
        await using (var db = SchemaTests.Open(target))
        {
            Assert.Equal(
                0,
                await DirectoryImport.RunAsync(db, target.Storage, work.Path("first"), output, Passphrase, CancellationToken.None)
            );
        }
        Assert.Contains("Imported", output.ToString());

        Assert.Equal(
            0,
            await Habeas.Host.Verbs.RunAsync([
                "export",
                "--format",
                "json",
                "--full",
                "--out",
                work.Path("second"),
                "--passphrase-file",
                passphraseFile,
                .. target.CliArguments,
            ])
        );
        var first = Directory.GetFiles(work.Path("first"), "*.jsonl").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(first, Directory.GetFiles(work.Path("second"), "*.jsonl").Select(Path.GetFileName).Order().ToList());
        foreach (
            var table in new[]
            {
                "people",
                "person_names",
                "events",
                "event_people",
                "citations",
                "cases",
                "charges",
                "sources",
                "places",
                "organisations",
                "stored_files",
            }
        )
        {
            Assert.Contains(table + ".jsonl", first);
            Assert.NotEmpty(File.ReadAllText(Path.Combine(work.Path("first"), table + ".jsonl")));
        }
        // Every table, row for row and column for column (ids, levels, versions, timestamps), except the confidential values,
        // which are encrypted again with a fresh nonce: those are compared decrypted below.
        foreach (var file in first.Where(f => f != "confidential_values.jsonl"))
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(work.Path("first"), file!)),
                File.ReadAllText(Path.Combine(work.Path("second"), file!))
            );
        }
        var secondManifest = Manifest(work.Path("second"));
        Assert.Equal(manifest["counts"]!.ToJsonString(), secondManifest["counts"]!.ToJsonString());
        var blobs = manifest["files"]!.AsObject().Where(f => f.Key.StartsWith("files/", StringComparison.Ordinal)).ToList();
        Assert.Equal(planted.FileHashes.Order(), blobs.Select(b => b.Key["files/".Length..]).Order());
        Assert.Equal(
            blobs.Select(b => b.Key + b.Value),
            secondManifest["files"]!
                .AsObject()
                .Where(f => f.Key.StartsWith("files/", StringComparison.Ordinal))
                .Select(b => b.Key + b.Value)
        );

        await using (var db = SchemaTests.Open(target))
        {
            // The stored files are in the new data folder, byte for byte.
            var store = new FileStore(target.Storage, new ConfigurationBuilder().Build());
            foreach (var file in await db.StoredFiles.ToListAsync())
            {
                Assert.Equal(
                    file.Sha256,
                    Convert.ToHexStringLower(SHA256.HashData(await store.ReadVerifiedAsync(file, CancellationToken.None)))
                );
            }
            // The confidential values, under the new installation's own key.
            db.Viewer = Viewer.System with { Confidential = true };
            var keys = KeyRing.LoadOrCreate(target.DataDirectory, TimeProvider.System);
            var values = await ConfidentialFields.ReadAsync(db, keys, "person", planted.PersonId, CancellationToken.None);
            Assert.Equal(planted.Confidential, values["health"]);
            // History starts with an "imported" version that keeps the record's version number.
            var person = await db.People.SingleAsync(p => p.Id == planted.PersonId);
            var history = await db.RecordVersions.Where(v => v.RecordId == planted.PersonId).ToListAsync();
            Assert.Equal("imported", Assert.Single(history).Change);
            Assert.Equal(person.Version, history[0].Version);
            Assert.True(person.Version > 1);
            Assert.Equal(RecordLevels.Restricted, (await db.People.SingleAsync(p => p.Id == planted.RestrictedId)).Level);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "imported" && a.RecordType == "export"));
            Assert.True(await db.CustodyPeriods.AnyAsync(p => p.Status == "administrative-detention"));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Import_RefusesATamperedFile_AnInstallationWithRecords_AndAMissingPassphrase_WritingNothing(string provider)
    {
        await using var source = await TestDatabase.CreateAsync(provider);
        var planted = await LoadAsync(source);
        using var work = new WorkFolder();

        // Without a passphrase the full export leaves the confidential values out, and says so.
        Assert.Equal(
            0,
            await Habeas.Host.Verbs.RunAsync(["export", "--format", "json", "--full", "--out", work.Path("plain"), .. source.CliArguments])
        );
        Assert.StartsWith("omitted", Manifest(work.Path("plain"))["confidential"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(work.Path("plain"), "confidential_values.jsonl")));
        // A second export into the same directory is refused.
        Assert.Equal(
            1,
            await Habeas.Host.Verbs.RunAsync(["export", "--format", "json", "--out", work.Path("plain"), .. source.CliArguments])
        );

        // Into the installation it came from (which holds records): refused.
        var output = new StringWriter();
        await using (var db = SchemaTests.Open(source))
        {
            Assert.Equal(1, await DirectoryImport.RunAsync(db, source.Storage, work.Path("plain"), output, null, CancellationToken.None));
        }
        Assert.Contains("already holds", output.ToString());

        // One changed byte in one file: refused, naming the file, and nothing written.
        var events = Path.Combine(work.Path("plain"), "events.jsonl");
        await File.WriteAllTextAsync(events, (await File.ReadAllTextAsync(events)).Replace("arrest", "arrext", StringComparison.Ordinal));
        await using var target = await TestDatabase.CreateAsync(provider);
        output = new StringWriter();
        await using (var db = SchemaTests.Open(target))
        {
            Assert.Equal(1, await DirectoryImport.RunAsync(db, target.Storage, work.Path("plain"), output, null, CancellationToken.None));
        }
        Assert.Contains("events.jsonl", output.ToString());
        Assert.Contains("SHA-256", output.ToString());
        Assert.False(Directory.Exists(Path.Combine(target.DataDirectory, "files")));
        if (provider == TestDatabase.Sqlite)
        {
            Assert.False(File.Exists(target.Storage.SqlitePath));
        }

        // An export with confidential values needs its passphrase; a wrong one is told as such.
        var passphraseFile = Path.Combine(work.Path("."), "passphrase.txt");
        await File.WriteAllTextAsync(passphraseFile, Passphrase);
        Assert.Equal(
            0,
            await Habeas.Host.Verbs.RunAsync([
                "export",
                "--format",
                "json",
                "--full",
                "--out",
                work.Path("sealed"),
                "--passphrase-file",
                passphraseFile,
                .. source.CliArguments,
            ])
        );
        output = new StringWriter();
        await using (var db = SchemaTests.Open(target))
        {
            Assert.Equal(
                1,
                await DirectoryImport.RunAsync(
                    db,
                    target.Storage,
                    work.Path("sealed"),
                    output,
                    "not the passphrase at all",
                    CancellationToken.None
                )
            );
            Assert.Contains("passphrase", output.ToString());
            Assert.Equal(1, await DirectoryImport.RunAsync(db, target.Storage, work.Path("sealed"), output, null, CancellationToken.None));
        }

        // The untouched export without a passphrase imports, with no confidential value.
        await using var empty = await TestDatabase.CreateAsync(provider);
        Directory.Delete(work.Path("plain"), recursive: true);
        Assert.Equal(
            0,
            await Habeas.Host.Verbs.RunAsync(["export", "--format", "json", "--full", "--out", work.Path("plain"), .. source.CliArguments])
        );
        await using (var db = SchemaTests.Open(empty))
        {
            Assert.Equal(0, await DirectoryImport.RunAsync(db, empty.Storage, work.Path("plain"), output, null, CancellationToken.None));
            Assert.Equal(0, await db.ConfidentialValues.CountAsync());
            Assert.Equal(planted.People, await db.People.IgnoreQueryFilters().CountAsync());
        }
    }

    [Fact]
    public async Task Import_IntoAPostgresDatabaseThatDoesNotExistYet_CreatesIt()
    {
        await using var source = await TestDatabase.CreateAsync(TestDatabase.Postgres);
        var planted = await LoadAsync(source);
        using var work = new WorkFolder();
        Assert.Equal(
            0,
            await Habeas.Host.Verbs.RunAsync(["export", "--format", "json", "--out", work.Path("plain"), .. source.CliArguments])
        );

        // A database name nobody has created: the import makes it (and drops it here afterwards).
        var name = "habeas_import_" + Guid.NewGuid().ToString("N")[..12];
        var admin = Environment.GetEnvironmentVariable("HABEAS_TEST_POSTGRES")!;
        var target = new Habeas.Platform.Storage.StorageOptions(
            work.Path("data"),
            new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString
        );
        try
        {
            var options = new DbContextOptionsBuilder<Habeas.Platform.Storage.HabeasDb>();
            target.Configure(options);
            await using var db = new Habeas.Platform.Storage.HabeasDb(options.Options, TimeProvider.System);
            var output = new StringWriter();
            Assert.Equal(0, await DirectoryImport.RunAsync(db, target, work.Path("plain"), output, null, CancellationToken.None));
            db.Viewer = Viewer.System;
            Assert.Equal(planted.People, await db.People.IgnoreQueryFilters().CountAsync());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    internal sealed record Planted(Guid PersonId, Guid RestrictedId, string Confidential, IReadOnlyList<string> FileHashes, int People);

    /// <summary>The demonstration data, two stored files, a restricted person and a confidential value.</summary>
    internal static async Task<Planted> LoadAsync(TestDatabase database)
    {
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["demo", .. database.CliArguments]));
        await using var db = SchemaTests.Open(database);
        db.Actor = "tests";
        var action = await db.CampaignActions.FirstAsync();
        var store = new FileStore(database.Storage, new ConfigurationBuilder().Build());
        var hashes = new List<string>();
        foreach (
            var (content, name) in new[]
            {
                (CampaignFiles.Png(), "photo.png"),
                (Encoding.UTF8.GetBytes("Reply of the Ministry of Justice, 3 March 2004.\n"), "reply.txt"),
            }
        )
        {
            var (file, problem) = await store.StoreAsync(content, name, "tests", db.Time.GetUtcNow(), CancellationToken.None);
            Assert.Null(problem);
            file!.ActionId = action.Id;
            db.StoredFiles.Add(file);
            hashes.Add(file!.Sha256);
        }
        var hidden = new Person { Level = RecordLevels.Restricted };
        hidden.Names.Add(
            new PersonName
            {
                Text = "Restricted Witness",
                Script = "Latn",
                Kind = NameKinds.Primary,
                SearchText = "restricted witness",
            }
        );
        db.People.Add(hidden);
        // A record's file too (a person's photo, with its credit and consent), so the round trip carries those columns.
        var (portrait, refused) = await store.StoreAsync(
            CampaignFiles.Png(red: 5),
            "portrait.png",
            "tests",
            db.Time.GetUtcNow(),
            CancellationToken.None
        );
        Assert.Null(refused);
        portrait!.PersonId = hidden.Id;
        portrait.IsPhoto = true;
        portrait.Credit = "Adhoc";
        portrait.Consent = FileConsent.Staff;
        portrait.Caption = "Photographed at Prey Sar";
        db.StoredFiles.Add(portrait);
        hashes.Add(portrait.Sha256);
        await db.SaveChangesAsync();

        var person = await db.People.Include(p => p.Names).SingleAsync(p => p.Id == Habeas.Host.Demo.DemoData.SokYoeunId);
        person.Occupation = "farmer";
        await db.SaveChangesAsync();
        db.Viewer = Viewer.System with { Confidential = true };
        const string value = "CONFIDENTIAL-VALUE: Bangkok Remand Prison, block 4";
        await ConfidentialFields.WriteAsync(
            db,
            KeyRing.LoadOrCreate(database.DataDirectory, TimeProvider.System),
            "person",
            person.Id,
            new Dictionary<string, string?> { ["health"] = value },
            CancellationToken.None
        );
        await db.SaveChangesAsync();
        return new Planted(person.Id, hidden.Id, value, hashes, await db.People.IgnoreQueryFilters().CountAsync());
    }

    internal static JsonObject Manifest(string directory) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(directory, Exporter.ManifestName)))!.AsObject();

    private static string AllText(string directory) =>
        string.Concat(Directory.GetFiles(directory, "*", SearchOption.AllDirectories).Select(File.ReadAllText));

    /// <summary>A temporary folder for export directories, removed afterwards.</summary>
    internal sealed class WorkFolder : IDisposable
    {
        private readonly string _root = System.IO.Path.Combine(
            System.IO.Path.GetTempPath(),
            "habeas-tests",
            "export-" + Guid.NewGuid().ToString("N")
        );

        public WorkFolder() => Directory.CreateDirectory(_root);

        public string Path(string name) => System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, name));

        public string File(string name, string content)
        {
            var path = Path(name);
            System.IO.File.WriteAllText(path, content);
            return path;
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
