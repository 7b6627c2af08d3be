using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Storage;

/// <summary>
/// Where the data lives: the data folder (SQLite file, keys, files) and, when given, a PostgreSQL
/// connection string that replaces the embedded SQLite database.
/// </summary>
public sealed record StorageOptions(string DataDirectory, string? PostgresConnectionString)
{
    public const string DataKey = "Habeas:Data";
    public const string DatabaseKey = "Habeas:Database";

    public bool IsPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);

    public string SqlitePath => Path.Combine(DataDirectory, "habeas.db");

    public string Describe() => IsPostgres ? "PostgreSQL" : $"SQLite at {SqlitePath}";

    /// <summary>Reads --data / HABEAS_DATA and --database / HABEAS_DATABASE (through configuration).</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var data = configuration[DataKey] ?? configuration["HABEAS_DATA"];
        var database = configuration[DatabaseKey] ?? configuration["HABEAS_DATABASE"];
        return new StorageOptions(
            Path.GetFullPath(string.IsNullOrWhiteSpace(data) ? "data" : data),
            string.IsNullOrWhiteSpace(database) ? null : database
        );
    }

    public void Configure(DbContextOptionsBuilder builder)
    {
        if (IsPostgres)
        {
            builder.UseNpgsql(PostgresConnectionString);
        }
        else
        {
            builder.UseSqlite($"Data Source={SqlitePath};Foreign Keys=True;Default Timeout=30").AddInterceptors(SqliteDurability.Instance);
        }
    }

    /// <summary>Creates the data folder, readable by the service account only; an existing one is tightened to that
    /// (Security/FileModes.cs).</summary>
    public void EnsureDataDirectory()
    {
        Security.FileModes.RestrictNewFiles();
        Security.FileModes.Tighten(DataDirectory, IsPostgres ? null : SqlitePath);
        if (!Directory.Exists(DataDirectory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(DataDirectory);
            }
            else
            {
                Directory.CreateDirectory(DataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }
}
