using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Storage;

/// <summary>
/// Before the server starts (docs/security.md 1): a committed write must survive a crash or a power cut.
/// SQLite must run in WAL mode with synchronous=FULL (set on every connection by <see cref="SqliteDurability"/>,
/// read back here, since a file system without shared memory refuses WAL); PostgreSQL must have fsync,
/// synchronous_commit and full_page_writes on. Otherwise the server refuses to start and says what to change.
/// </summary>
public static class DurabilityCheck
{
    /// <summary>The settings as read from the database, by name.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var queries = db.Database.IsNpgsql()
            ? new[]
            {
                ("fsync", "SHOW fsync"),
                ("synchronous_commit", "SHOW synchronous_commit"),
                ("full_page_writes", "SHOW full_page_writes"),
            }
            : new[] { ("journal_mode", "PRAGMA journal_mode"), ("synchronous", "PRAGMA synchronous") };
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var (name, sql) in queries)
            {
                await using DbCommand command = connection.CreateCommand();
#pragma warning disable CA2100 // The statements are the constants above.
                command.CommandText = sql;
#pragma warning restore CA2100
                values[name] = Convert.ToString(
                    await command.ExecuteScalarAsync(cancellationToken),
                    System.Globalization.CultureInfo.InvariantCulture
                ) ?? "";
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return values;
    }

    /// <summary>What is wrong with these settings, one sentence each; empty when a commit is durable.</summary>
    public static IReadOnlyList<string> Problems(bool postgres, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        void Require(string name, Func<string, bool> ok, string fix)
        {
            var value = settings.TryGetValue(name, out var v) ? v : "(not readable)";
            if (!ok(value.Trim().ToLowerInvariant()))
            {
                problems.Add($"{name} is {value}: {fix}");
            }
        }
        if (postgres)
        {
            Require("fsync", v => v == "on", "set fsync = on in postgresql.conf (without it a crash can corrupt the database).");
            Require(
                "synchronous_commit",
                v => v is "on" or "remote_write" or "remote_apply",
                "set synchronous_commit = on (for the server, the database or the role Habeas connects as), or an acknowledged write can be lost in a crash."
            );
            Require(
                "full_page_writes",
                v => v == "on",
                "set full_page_writes = on in postgresql.conf (without it a crash can leave torn pages)."
            );
        }
        else
        {
            Require(
                "journal_mode",
                v => v == "wal",
                "the data folder's file system does not take SQLite's write-ahead log (a network or shared folder?); put the data folder on a local disk."
            );
            Require("synchronous", v => v is "2" or "3" or "full" or "extra", "SQLite must run with synchronous=FULL.");
        }
        return problems;
    }

    /// <summary>Throws, naming every setting to change, unless committed writes are durable.</summary>
    public static async Task EnsureAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var problems = Problems(db.Database.IsNpgsql(), await ReadAsync(db, cancellationToken));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "Habeas will not start: the database could lose or corrupt saved records in a crash. " + string.Join(" ", problems)
            );
        }
    }
}
