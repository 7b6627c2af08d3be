using Habeas.Confidential;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Confidential;

/// <summary>The Data Protection keys (sign-in and antiforgery cookies) live in the database, encrypted with the key ring.</summary>
public sealed class DataProtectionKeyTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheSignInKeys_AreInTheDatabase_EncryptedWithTheKeyRing_NotInTheDataFolder(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await using var db = app.OpenDb();
        var rows = await db.DataProtectionKeys.ToListAsync();

        var row = Assert.Single(rows);
        Assert.Contains("<encryptedKey", row.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", row.Xml, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(app.Database.DataDirectory, "keys", DataProtectionKeys.FormerFolder)));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AServerWithAnotherKeyRing_RefusesToStart_NamingTheFileToCopy(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var other = Path.Combine(app.Database.DataDirectory, "other");
        KeyRing.LoadOrCreate(other);
        File.Copy(KeyRing.PathIn(other), KeyRing.PathIn(app.Database.DataDirectory), overwrite: true);
        File.SetLastWriteTimeUtc(KeyRing.PathIn(app.Database.DataDirectory), DateTime.UtcNow.AddMinutes(1));

        await using var db = app.OpenDb();
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DataProtectionKeys.EnsureReadyAsync(app.Services, db, app.Database.Storage, CancellationToken.None));
        Assert.Contains("field-keys.json", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cannot open the sign-in keys", refusal.Message, StringComparison.Ordinal);
    }
}
