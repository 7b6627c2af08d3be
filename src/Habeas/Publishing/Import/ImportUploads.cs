using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Storage;

namespace Habeas.Publishing.Import;

/// <summary>
/// The file a coordinator uploaded on /import, kept between the page's steps (map, check, fix, check, import) so it is
/// uploaded once: DATA/import-uploads/ID.upload (the bytes) and ID.json (who uploaded it, its name, when), ID being 128
/// random bits in hex. Only the user who uploaded it can use it (any other user, an unknown id and an expired one get
/// the same answer: nothing); it expires <see cref="Lifetime"/> after the upload, is deleted after a successful import,
/// and expired uploads are swept whenever a new one is stored. Its size is bounded by <see cref="ImportApi.PageMaxBytes"/>.
/// </summary>
public sealed partial class ImportUploads(StorageOptions storage, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private string Root => Path.Combine(storage.DataDirectory, "import-uploads");

    private sealed record Entry(string User, string FileName, DateTimeOffset Stored);

    /// <summary>Keeps the bytes for <paramref name="user"/>; returns the id that finds them again.</summary>
    public async Task<string> StoreAsync(string user, string fileName, byte[] content, CancellationToken cancellationToken)
    {
        if (content.LongLength > ImportApi.PageMaxBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(content), "The file is larger than the import page takes.");
        }
        Directory.CreateDirectory(Root);
        Sweep();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await WriteAsync(PathOf(id, ".upload"), content, cancellationToken);
        await WriteAsync(
            PathOf(id, ".json"),
            JsonSerializer.SerializeToUtf8Bytes(new Entry(user, fileName, time.GetUtcNow())),
            cancellationToken
        );
        return id;
    }

    /// <summary>The file kept under <paramref name="id"/> for <paramref name="user"/>; null when there is none for them (unknown, expired,
    /// or another user's).</summary>
    public async Task<(string FileName, byte[] Content)?> LoadAsync(string? id, string user, CancellationToken cancellationToken)
    {
        if (!IsId(id) || !File.Exists(PathOf(id!, ".json")) || !File.Exists(PathOf(id!, ".upload")))
        {
            return null;
        }
        Entry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<Entry>(await File.ReadAllBytesAsync(PathOf(id!, ".json"), cancellationToken));
        }
        catch (JsonException)
        {
            entry = null;
        }
        if (entry is null || Expired(entry))
        {
            Remove(id!);
            return null;
        }
        if (!string.Equals(entry.User, user, StringComparison.Ordinal))
        {
            return null;
        }
        return (entry.FileName, await File.ReadAllBytesAsync(PathOf(id!, ".upload"), cancellationToken));
    }

    /// <summary>Deletes the upload, when it is <paramref name="user"/>'s (after a successful import).</summary>
    public async Task DeleteAsync(string? id, string user, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, user, cancellationToken) is not null)
        {
            Remove(id!);
        }
    }

    /// <summary>Deletes every expired upload.</summary>
    public void Sweep()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        var cutoff = (time.GetUtcNow() - Lifetime).UtcDateTime;
        foreach (var path in Directory.EnumerateFiles(Root))
        {
            if (File.GetLastWriteTimeUtc(path) < cutoff)
            {
                File.Delete(path);
            }
        }
    }

    private bool Expired(Entry entry) => time.GetUtcNow() - entry.Stored > Lifetime;

    private void Remove(string id)
    {
        File.Delete(PathOf(id, ".upload"));
        File.Delete(PathOf(id, ".json"));
    }

    private string PathOf(string id, string extension) => Path.Combine(Root, id + extension);

    private static bool IsId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    private static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var stream = new FileStream(path, options);
        await stream.WriteAsync(bytes, cancellationToken);
    }
}
