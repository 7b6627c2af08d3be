using Microsoft.Data.Sqlite;
using Npgsql;

namespace Habeas.Platform.Storage;

/// <summary>What is wrong with where the data is kept, when a request fails for it rather than for anything it asked.</summary>
public enum StorageFault
{
    /// <summary>The disk of the data folder, or PostgreSQL's, is full.</summary>
    DiskFull,

    /// <summary>The data folder (or the database) can be read but not written.</summary>
    ReadOnly,

    /// <summary>The database does not answer: PostgreSQL is stopped, restarting or unreachable; SQLite cannot reach its file.</summary>
    DatabaseUnavailable,
}

/// <summary>
/// Recognises, from an exception and the exceptions inside it, the faults of storage that clear by themselves when
/// an operator frees space, makes the folder writable again or brings the database back. Nothing was written by
/// the failed request: its transaction was rolled back (SQLite) or never committed (PostgreSQL).
/// </summary>
public static class StorageFaults
{
    // errno on Linux, and Windows' ERROR_DISK_FULL / ERROR_HANDLE_DISK_FULL as HRESULTs.
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public static StorageFault? Classify(Exception exception) => Classify(exception, null);

    /// <summary>
    /// The fault, knowing the data folder: SQLite reports a full disk as SQLITE_FULL only when a page write fails; when
    /// the write-ahead log or its index cannot be made or grown (opening a connection after the last one closed, on a
    /// full disk) it says "disk I/O error". An I/O error while the data folder's disk has less than
    /// <see cref="NearlyFull"/> free is therefore the full disk it almost surely is.
    /// </summary>
    public static StorageFault? Classify(Exception exception, StorageOptions? storage)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (Of(e) is { } fault)
            {
                return
                    fault == StorageFault.DatabaseUnavailable
                    && e is SqliteException
                    && storage is { IsPostgres: false }
                    && DiskIsFull(storage)
                    ? StorageFault.DiskFull
                    : fault;
            }
        }
        return null;
    }

    /// <summary>Free space under which the data folder's disk counts as full.</summary>
    public const long NearlyFull = 1024 * 1024;

    private static bool DiskIsFull(StorageOptions storage)
    {
        try
        {
            return new DriveInfo(Path.GetFullPath(storage.DataDirectory)).AvailableFreeSpace < NearlyFull;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    private static StorageFault? Of(Exception e) =>
        e switch
        {
            // https://www.sqlite.org/rescode.html: the primary code is the low byte of the extended one.
            // SQLITE_IOERR_SHMSIZE: the write-ahead log's index could not grow, which only a full disk makes it fail to do
            // (the write that fills the disk may be the index's growth, not a page's: seen in CI as "disk I/O error").
            SqliteException { SqliteExtendedErrorCode: 4874 } => StorageFault.DiskFull,
            SqliteException sqlite => (sqlite.SqliteExtendedErrorCode & 0xFF) switch
            {
                13 => StorageFault.DiskFull, // SQLITE_FULL
                8 => StorageFault.ReadOnly, // SQLITE_READONLY
                14 => StorageFault.ReadOnly, // SQLITE_CANTOPEN: the file or its journal cannot be created
                10 => StorageFault.DatabaseUnavailable, // SQLITE_IOERR
                _ => null,
            },
            // https://www.postgresql.org/docs/current/errcodes-appendix.html
            PostgresException postgres => postgres.SqlState switch
            {
                "53100" => StorageFault.DiskFull,
                "25006" => StorageFault.ReadOnly,
                "53300" or "57P01" or "57P02" or "57P03" => StorageFault.DatabaseUnavailable,
                { } state when state.StartsWith("08", StringComparison.Ordinal) => StorageFault.DatabaseUnavailable,
                _ => null,
            },
            // Refused, reset or timed-out connections: the server is away.
            NpgsqlException { IsTransient: true } => StorageFault.DatabaseUnavailable,
            IOException io when io.HResult is Enospc or WindowsDiskFull or WindowsHandleDiskFull => StorageFault.DiskFull,
            IOException io when io.HResult is Erofs => StorageFault.ReadOnly,
            _ => null,
        };

    /// <summary>Whether a failed save was refused by a unique index (SQLITE_CONSTRAINT_UNIQUE or PRIMARYKEY; PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (
                e
                is SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }
                    or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
            )
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The interface text that tells the user what happened, that nothing was saved, and what to do.</summary>
    public static string TextKey(StorageFault fault) =>
        fault switch
        {
            StorageFault.DiskFull => "storage.fault.diskFull",
            StorageFault.ReadOnly => "storage.fault.readOnly",
            _ => "storage.fault.unavailable",
        };

    /// <summary>The API's problem title (the API speaks English, as its other problems do).</summary>
    public static string Title(StorageFault fault) =>
        fault switch
        {
            StorageFault.DiskFull => "The disk where the data is kept is full.",
            StorageFault.ReadOnly => "The data cannot be written: its folder or database is read-only.",
            _ => "The database is not answering.",
        };
}
