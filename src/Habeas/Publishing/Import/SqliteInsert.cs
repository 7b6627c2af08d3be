using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Habeas.Publishing.Import;

/// <summary>
/// One INSERT of the bulk writer on SQLite, prepared once on the connection's own handle and run for every row with
/// its values bound by position. Microsoft.Data.Sqlite looks every parameter up by name (a string converted to UTF-8
/// on each execution) and makes a data reader per statement: for the seventeen rows a new person with two events
/// writes, that was a third of an import's time. The values are bound as Microsoft.Data.Sqlite binds them
/// (SqliteValueBinder: a GUID as upper-case text, a date as yyyy-MM-dd text, a bool as 0 or 1 …), so the rows are
/// the rows EF Core writes (BulkWriterTests reads every record written back through EF Core). The statement runs inside the
/// transaction the connection holds; the caller checks there is one.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly SqliteType[] _types;

    /// <summary>UTF-8 of the text being bound, reused (SQLite copies it).</summary>
    private byte[] _utf8 = new byte[4096];

    public SqliteInsert(SqliteConnection connection, string sql, IReadOnlyList<SqliteType> types)
    {
        _connection = connection;
        _types = [.. types];
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        if (raw.sqlite3_bind_parameter_count(_statement) != _types.Length)
        {
            throw new InvalidOperationException(
                $"The statement has {raw.sqlite3_bind_parameter_count(_statement)} parameters, not {_types.Length}: {sql}"
            );
        }
    }

    /// <summary>Inserts one row: the values in the statement's parameter order (provider values: converters applied).</summary>
    public void Execute(IReadOnlyList<object?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            Bind(i + 1, values[i], _types[i]);
        }
        var rc = raw.sqlite3_step(_statement);
        var reset = raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_ROW ? reset : rc, _connection.Handle);
            throw new InvalidOperationException("An INSERT returned a row.");
        }
    }

    private void Bind(int index, object? value, SqliteType type)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_statement, index),
            string s => BindText(index, s),
            Guid g when type == SqliteType.Blob => raw.sqlite3_bind_blob(_statement, index, g.ToByteArray()),
            Guid g => BindText(index, g.ToString().ToUpperInvariant()),
            bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
            long n => raw.sqlite3_bind_int64(_statement, index, n),
            int n => raw.sqlite3_bind_int64(_statement, index, n),
            short n => raw.sqlite3_bind_int64(_statement, index, n),
            byte n => raw.sqlite3_bind_int64(_statement, index, n),
            double d => raw.sqlite3_bind_double(_statement, index, d),
            float f => raw.sqlite3_bind_double(_statement, index, f),
            byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
            DateOnly d when type != SqliteType.Real => raw.sqlite3_bind_text(
                _statement,
                index,
                d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)
            ),
            DateTime d when type != SqliteType.Real => raw.sqlite3_bind_text(
                _statement,
                index,
                d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)
            ),
            DateTimeOffset d when type != SqliteType.Real => raw.sqlite3_bind_text(
                _statement,
                index,
                d.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
            ),
            decimal d => raw.sqlite3_bind_text(
                _statement,
                index,
                d.ToString("0.0###########################", CultureInfo.InvariantCulture)
            ),
            Enum e => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
            _ => throw new InvalidOperationException($"The bulk writer does not bind {value.GetType().Name} values as {type} on SQLite."),
        };
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
    }

    private int BindText(int index, string text)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) > _utf8.Length)
        {
            _utf8 = new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        }
        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length));
    }

    public void Dispose() => _statement.Dispose();
}
