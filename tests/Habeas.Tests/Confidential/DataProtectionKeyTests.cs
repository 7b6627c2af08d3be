using Habeas.Platform.Confidential;
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
        // A second server whose data folder made its own key ring instead of holding a copy of the first one's.
        var otherRing = KeyRing.LoadOrCreate(Path.Combine(app.Database.DataDirectory, "other"), TimeProvider.System);

        await using var db = app.OpenDb();
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DataProtectionKeys.EnsureReadyAsync(new WithRing(app.Services, otherRing), db, app.Database.Storage, CancellationToken.None)
        );
        Assert.Contains("field-keys.json", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("cannot open the sign-in keys", refusal.Message, StringComparison.Ordinal);
    }

    private sealed class WithRing(IServiceProvider services, KeyRing ring) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(KeyRing) ? ring : services.GetService(serviceType);
    }
}
