using System.Security.Cryptography;
using Habeas.Platform.Storage;

namespace Habeas.Platform.Audit;

/// <summary>
/// The key that signs audit tree heads: ECDSA P-256, kept as a PEM file in DATA/keys (outside the database,
/// readable by the service account only). Created on first use. Back it up with the data folder.
/// </summary>
public static class AuditKey
{
    public static string PathIn(StorageOptions storage) =>
        Path.Combine(Security.KeyFiles.Folder(storage.DataDirectory), "audit-signing-key.pem");

    /// <summary>Two requests for a signed head on a fresh installation must not both create the key.</summary>
    private static readonly Lock Creating = new();

    public static ECDsa LoadOrCreate(StorageOptions storage)
    {
        lock (Creating)
        {
            return LoadOrCreateAlone(storage);
        }
    }

    /// <summary>The key from the key folder, or null when there is none (checking must not make a new one).</summary>
    public static ECDsa? LoadExisting(StorageOptions storage)
    {
        var path = PathIn(storage);
        if (!File.Exists(path))
        {
            return null;
        }
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        key.ImportFromPem(File.ReadAllText(path));
        return key;
    }

    private static ECDsa LoadOrCreateAlone(StorageOptions storage)
    {
        var path = PathIn(storage);
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        if (File.Exists(path))
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        Security.KeyFiles.WriteProtected(path, key.ExportPkcs8PrivateKeyPem());
        return key;
    }
}
