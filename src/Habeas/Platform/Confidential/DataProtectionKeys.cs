using System.Security.Cryptography;
using System.Xml.Linq;
using Habeas.Platform.Security;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Confidential;

/// <summary>One key of the Data Protection key ring, as Data Protection writes it, encrypted with <see cref="KeyRing"/>.</summary>
public sealed class DataProtectionKeyRow
{
    public required string Name { get; set; }
    public required string Xml { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The Data Protection key ring (it protects session and antiforgery cookies and the signed links) lives in the
/// database, table data_protection_keys, so every server on one PostgreSQL database reads the same keys; each key is
/// encrypted with the current key of <see cref="KeyRing"/> (DATA/keys/field-keys.json, which every server must
/// hold: docs/operations.md). By default ASP.NET Core writes its keys in clear to a folder of one machine.
/// </summary>
public static class DataProtectionKeys
{
    private const string Purpose = "data-protection-key-ring";

    /// <summary>Where the keys were kept before migration 0020; read once into the table, so sessions survive the upgrade.</summary>
    public const string FormerFolder = "data-protection";
    private const long CreateKeyLock = 4242002;

    public static IServiceCollection AddProtectedDataProtection(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
            KeyRing.LoadOrCreate(sp.GetRequiredService<StorageOptions>().DataDirectory, sp.GetRequiredService<TimeProvider>())
        );
        services.AddDataProtection().SetApplicationName("Habeas");
        services
            .AddOptions<KeyManagementOptions>()
            .Configure<IServiceScopeFactory, KeyRing>(
                (options, scopes, ring) =>
                {
                    options.XmlRepository = new DatabaseXmlRepository(scopes);
                    options.XmlEncryptor = new Encryptor(ring);
                }
            );
        return services;
    }

    /// <summary>
    /// At start, after the migrations: moves keys from the former folder into the table, checks that the key ring of
    /// this server opens every stored key (a server given another server's database without its field-keys.json
    /// refuses to start rather than failing every sign-in), and makes sure an active key exists — made by one server
    /// only (an advisory lock on PostgreSQL), so servers starting together do not each make their own.
    /// </summary>
    public static async Task EnsureReadyAsync(
        IServiceProvider services,
        HabeasDb db,
        StorageOptions storage,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(storage);
        var ring = services.GetRequiredService<KeyRing>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({CreateKeyLock})", cancellationToken);
        }
        await ImportFormerFolderAsync(db, storage, cancellationToken);
        foreach (var row in await db.DataProtectionKeys.AsNoTracking().ToListAsync(cancellationToken))
        {
            try
            {
                Decrypt(ring, XElement.Parse(row.Xml));
            }
            catch (CryptographicException e)
            {
                throw new InvalidOperationException(
                    $"The key ring {KeyRing.PathIn(storage.DataDirectory)} cannot open the sign-in keys stored in this database (key {row.Name}): "
                        + "it is not the key ring this database was written with. With several servers, copy DATA/keys/field-keys.json "
                        + "from the first server to every other one (docs/operations.md, \"Several servers\").",
                    e
                );
            }
        }
        await transaction.CommitAsync(cancellationToken);

        var keys = services.GetRequiredService<IKeyManager>();
        var now = db.Time.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            // On PostgreSQL under the lock again: the first server makes the key, the others find it. (A SQLite file has
            // one server; a transaction held here would lock out the key's own write.)
            await using var creating = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            if (creating is not null)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({CreateKeyLock})", cancellationToken);
            }
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            {
                var lifetime = services
                    .GetRequiredService<Microsoft.Extensions.Options.IOptions<KeyManagementOptions>>()
                    .Value.NewKeyLifetime;
                keys.CreateNewKey(now, now + lifetime);
            }
            if (creating is not null)
            {
                await creating.CommitAsync(cancellationToken);
            }
        }
    }

    private static async Task ImportFormerFolderAsync(HabeasDb db, StorageOptions storage, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(KeyFiles.Folder(storage.DataDirectory), FormerFolder);
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            return;
        }
        foreach (var file in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
        {
            db.DataProtectionKeys.Add(
                new DataProtectionKeyRow
                {
                    Name = Path.GetFileNameWithoutExtension(file),
                    Xml = await File.ReadAllTextAsync(file, cancellationToken),
                    CreatedAt = File.GetLastWriteTimeUtc(file),
                }
            );
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Decrypt(KeyRing ring, XElement element)
    {
        // A key element holds its descriptor encrypted by Encryptor below (the element Data Protection marks with decryptorType).
        foreach (var encrypted in element.Descendants("encryptedKey"))
        {
            ring.Decrypt(encrypted.Element("value")?.Value ?? "", Purpose);
        }
    }

    private sealed class DatabaseXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            return db
                .DataProtectionKeys.AsNoTracking()
                .OrderBy(k => k.CreatedAt)
                .ThenBy(k => k.Name)
                .Select(k => k.Xml)
                .ToList()
                .Select(x => XElement.Parse(x))
                .ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Access.Viewer.System;
            db.DataProtectionKeys.Add(
                new DataProtectionKeyRow
                {
                    Name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName,
                    Xml = element.ToString(SaveOptions.DisableFormatting),
                    CreatedAt = db.Time.GetUtcNow(),
                }
            );
            db.SaveChangesAsync().GetAwaiter().GetResult();
        }
    }

    private sealed class Encryptor(KeyRing ring) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
            new(
                new XElement(
                    "encryptedKey",
                    new XComment(" Encrypted with the Habeas key ring, DATA/keys/field-keys.json "),
                    new XElement("value", ring.Encrypt(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose))
                ),
                typeof(Decryptor)
            );
    }

    /// <summary>Made by Data Protection through its service provider when it reads a key.</summary>
    public sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) =>
            XElement.Parse(services.GetRequiredService<KeyRing>().Decrypt(encryptedElement.Element("value")?.Value ?? "", Purpose));
    }
}
