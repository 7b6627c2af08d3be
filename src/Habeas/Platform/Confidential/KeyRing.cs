using System.Security.Cryptography;
using System.Text.Json;
using Habeas.Core.Crypto;
using Habeas.Platform.Security;

namespace Habeas.Platform.Confidential;

/// <summary>
/// The AES-256 keys that encrypt confidential fields and the Data Protection key ring, in
/// DATA/keys/field-keys.json (outside the database; 0600 in a 0700 folder). One key is current and encrypts;
/// every key ever used stays to decrypt, so rotation (<c>habeas keys rotate</c>) keeps old data and old backups
/// readable. The file is read again when it changes, so a rotation by the command line reaches a running server.
/// Back it up with the data (docs/operations.md): without it the confidential fields cannot be read.
/// </summary>
public sealed class KeyRing
{
    public const string FileName = "field-keys.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _path;
    private readonly Lock _lock = new();
    private RingFile _ring;
    private readonly TimeProvider _time;
    private DateTime _readAt;

    private KeyRing(string path, RingFile ring, TimeProvider time)
    {
        _path = path;
        _ring = ring;
        _time = time;
        _readAt = File.GetLastWriteTimeUtc(path);
    }

    public sealed record KeyEntry(string Id, DateTimeOffset Created, string Key);

    private sealed record RingFile(string Current, List<KeyEntry> Keys);

    public static string PathIn(string dataDirectory) => Path.Combine(KeyFiles.Folder(dataDirectory), FileName);

    /// <summary>Reads the key ring of a data folder, making one with a first key if there is none; new keys are dated
    /// by <paramref name="time"/>.</summary>
    public static KeyRing LoadOrCreate(string dataDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            var first = NewKey(1, time);
            KeyFiles.WriteProtected(path, JsonSerializer.Serialize(new RingFile(first.Id, [first]), Json));
        }
        return new KeyRing(path, Read(path), time);
    }

    public string CurrentKeyId
    {
        get
        {
            lock (_lock)
            {
                Refresh();
                return _ring.Current;
            }
        }
    }

    public IReadOnlyList<string> KeyIds
    {
        get
        {
            lock (_lock)
            {
                Refresh();
                return _ring.Keys.Select(k => k.Id).ToList();
            }
        }
    }

    public string Encrypt(string plaintext, string associatedData) => EncryptWith(CurrentKeyId, plaintext, associatedData);

    /// <summary>Encrypts with one key of the ring (rotation re-encrypts with the new key before it becomes current).</summary>
    public string EncryptWith(string keyId, string plaintext, string associatedData)
    {
        var key = Find(keyId) ?? throw new InvalidOperationException($"The key '{keyId}' is not in the key ring.");
        return FieldCipher.Encrypt(key, keyId, plaintext, associatedData);
    }

    /// <summary>Decrypts, or throws <see cref="CryptographicException"/> (never returns garbage).</summary>
    public string Decrypt(string ciphertext, string associatedData) => FieldCipher.Decrypt(Find, ciphertext, associatedData);

    private byte[]? Find(string id)
    {
        lock (_lock)
        {
            var key = _ring.Keys.FirstOrDefault(k => k.Id == id);
            if (key is null)
            {
                Refresh();
                key = _ring.Keys.FirstOrDefault(k => k.Id == id);
            }
            return key is null ? null : Convert.FromBase64String(key.Key);
        }
    }

    /// <summary>Adds a new key (not yet current) and saves the ring; returns its id.</summary>
    public string AddKey()
    {
        lock (_lock)
        {
            Refresh();
            var key = NewKey(_ring.Keys.Count + 1, _time);
            Save(_ring with { Keys = [.. _ring.Keys, key] });
            return key.Id;
        }
    }

    /// <summary>Makes a key of the ring the one that encrypts from now on.</summary>
    public void MakeCurrent(string id)
    {
        lock (_lock)
        {
            Refresh();
            if (_ring.Keys.All(k => k.Id != id))
            {
                throw new InvalidOperationException($"The key '{id}' is not in the key ring.");
            }
            Save(_ring with { Current = id });
        }
    }

    private void Save(RingFile ring)
    {
        KeyFiles.WriteProtected(_path, JsonSerializer.Serialize(ring, Json));
        _ring = ring;
        _readAt = File.GetLastWriteTimeUtc(_path);
    }

    private void Refresh()
    {
        var written = File.GetLastWriteTimeUtc(_path);
        if (written != _readAt)
        {
            _ring = Read(_path);
            _readAt = written;
        }
    }

    private static RingFile Read(string path)
    {
        RingFile? ring;
        try
        {
            ring = JsonSerializer.Deserialize<RingFile>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The key ring {path} is damaged: {e.Message}", e);
        }
        if (
            ring is null
            || ring.Keys.Count == 0
            || ring.Keys.All(k => k.Id != ring.Current)
            || ring.Keys.Any(k => Convert.FromBase64String(k.Key).Length != FieldCipher.KeyBytes)
        )
        {
            throw new InvalidOperationException($"The key ring {path} is damaged: it needs a current key and 256-bit keys.");
        }
        return ring;
    }

    private static KeyEntry NewKey(int number, TimeProvider time) =>
        new($"k{number}", time.GetUtcNow(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes)));
}
