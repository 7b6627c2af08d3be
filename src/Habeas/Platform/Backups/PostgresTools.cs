using System.Diagnostics;
using Npgsql;

namespace Habeas.Platform.Backups;

/// <summary>pg_dump and pg_restore, found on the machine and run with the connection's settings in their environment (never on the command
/// line, where other users could read a password).</summary>
public static class PostgresTools
{
    /// <summary>The newest installed version's program (Debian: /usr/lib/postgresql/N/bin), else the one on PATH; null when there is
    /// none.</summary>
    public static string? Find(string program)
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory
                .GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Path: Path.Combine(d, "bin", program)))
                .Where(p => File.Exists(p.Path))
                .OrderByDescending(p => p.Version)
                .Select(p => p.Path)
                .FirstOrDefault()
            : null;
        return installed
            ?? (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, program))
                .FirstOrDefault(File.Exists);
    }

    public static async Task RunAsync(
        string program,
        string connectionString,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken
    )
    {
        var path = Find(program)
            ?? throw new BackupException(
                $"{program} was not found. Install PostgreSQL's client programs (Debian: apt-get install postgresql-client-15, or the server package) to back up or restore a PostgreSQL database."
            );
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGHOST"] = settings.Host ?? "localhost";
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = settings.Database ?? "";
        start.Environment["PGUSER"] = settings.Username ?? Environment.UserName;
        if (settings.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        start.Environment["PGSSLMODE"] = settings.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        using var process = Process.Start(start) ?? throw new BackupException($"{program} could not be started.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new BackupException(
                $"{program} failed (exit code {process.ExitCode}): {(await errors).Trim()} {(await output).Trim()}".Trim()
            );
        }
    }
}

/// <summary>A backup or restore that cannot go on; the message says why and what to do, for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
