using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Habeas.Platform.Storage;

/// <summary>
/// Every SQLite connection runs in WAL mode with synchronous=FULL (Microsoft.Data.Sqlite defaults to a
/// rollback journal) and waits for a busy writer instead of failing at once. With secure_delete on, the space a change
/// frees is overwritten with zeros, so what was edited, retracted or erased does not linger in the file's free space
/// (a lawful erasure, Records/People/PersonErasure.cs, relies on it; docs/retraction.md).
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA secure_delete=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection,
        ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default
    )
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
