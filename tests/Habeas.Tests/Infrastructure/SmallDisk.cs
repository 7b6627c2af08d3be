namespace Habeas.Tests.Infrastructure;

/// <summary>
/// A small disk of the test's own (a tmpfs mounted on a temporary folder) to hold a data folder, so the test can
/// fill it up, free it, and make it read-only and writable again. Mounting needs root (CI runs as root); where it
/// is refused the test is skipped with the reason, and under CI=true it fails.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private readonly string _filler;

    private SmallDisk(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler");
    }

    /// <summary>The mounted folder: give it (or a folder inside it) as the data folder.</summary>
    public string Path { get; }

    public static async Task<SmallDisk> MountAsync(int megabytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "habeas-disk-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(path);
        var (code, output) = await Commands.RunAsync("mount", "-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            TestDatabase.Unavailable($"mount -t tmpfs was refused ({output.Trim()}); it needs root.", "A small disk of the test's own");
        }
        return new SmallDisk(path);
    }

    /// <summary>Writes a file until the disk has no space left.</summary>
    public void Fill()
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left: the point.
        }
        // What is left over is smaller than a block: fill that too, a byte at a time.
        try
        {
            while (true)
            {
                file.WriteByte(0);
                file.Flush();
            }
        }
        catch (IOException) { }
    }

    public void Free() => File.Delete(_filler);

    /// <summary>Remounts the disk read-only or writable. Linux refuses read-only while a file is open for writing, so
    /// <paramref name="closeFiles"/> is called before each try (say, to clear the SQLite connection pool).</summary>
    public async Task SetReadOnlyAsync(bool readOnly, Action? closeFiles = null)
    {
        var output = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            closeFiles?.Invoke();
            int code;
            (code, output) = await Commands.RunAsync("mount", "-o", readOnly ? "remount,ro" : "remount,rw", Path);
            if (code == 0)
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"remounting {Path} {(readOnly ? "read-only" : "writable")} failed: {output}");
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Commands.RunAsync("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's cleaning of temporary files.
        }
    }
}
