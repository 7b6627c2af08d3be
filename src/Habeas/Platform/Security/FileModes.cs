using System.Runtime.InteropServices;

namespace Habeas.Platform.Security;

/// <summary>
/// The data folder holds the database, its WAL, the stored files and the outgoing mail (which carries supporters'
/// page links): readable by the service account only, whether or not the program runs under the systemd unit's
/// <c>UMask=0077</c>. At start the process's file-creation mask is set to 077, so everything it creates afterwards
/// (SQLite's -wal and -shm files included, which SQLite makes itself) is 0600 and every folder 0700; and the data
/// folder and database files that already exist are brought down to 0700 and 0600. A folder that is 0700 also keeps
/// others out of whatever older, wider files lie inside it.
/// </summary>
public static class FileModes
{
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Sets the process's file-creation mask to 077 (no-op on Windows).</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
        {
            _ = NativeMethods.umask(0b000_111_111);
        }
    }

    /// <summary>The data folder 0700, and the SQLite database files in it 0600 (no-op on Windows).</summary>
    public static void Tighten(string dataDirectory, string? sqlitePath)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(dataDirectory))
        {
            return;
        }
        File.SetUnixFileMode(dataDirectory, OwnerFolder);
        if (sqlitePath is null)
        {
            return;
        }
        foreach (var path in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm", sqlitePath + "-journal" })
        {
            if (File.Exists(path))
            {
                File.SetUnixFileMode(path, OwnerFile);
            }
        }
    }

    // DllImport rather than LibraryImport: the source-generated form needs unsafe code allowed in the whole project, for
    // one call that passes and returns a plain integer.
    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054
        [DllImport("libc", EntryPoint = "umask")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern uint umask(uint mask);
#pragma warning restore SYSLIB1054
    }
}
