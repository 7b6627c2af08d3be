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

    /// <summary>Reads --data / HABEAS_DATA and --database / HABEAS_DATABASE (through configuration); without a data
    /// folder, <see cref="DefaultDataDirectory"/> of the working directory.</summary>
    public static StorageOptions FromConfiguration(IConfiguration configuration, string? workingDirectory = null)
    {
        var data = configuration[DataKey] ?? configuration["HABEAS_DATA"];
        var database = configuration[DatabaseKey] ?? configuration["HABEAS_DATABASE"];
        return new StorageOptions(
            string.IsNullOrWhiteSpace(data)
                ? DefaultDataDirectory(workingDirectory ?? Environment.CurrentDirectory)
                : Path.GetFullPath(data),
            string.IsNullOrWhiteSpace(database) ? null : database
        );
    }

    /// <summary>
    /// <c>data</c> in the working directory; but from the root of a clone, where <c>dotnet run --project src/Habeas</c>
    /// keeps its database (<c>src/Habeas/data</c>), that folder, when it holds a database and <c>./data</c> does not. So
    /// the command line run from the root opens the server's data instead of silently making a second installation.
    /// </summary>
    public static string DefaultDataDirectory(string workingDirectory)
    {
        var here = Path.GetFullPath(Path.Combine(workingDirectory, "data"));
        var project = Path.GetFullPath(Path.Combine(workingDirectory, "src", "Habeas", "data"));
        return !File.Exists(Path.Combine(here, "habeas.db")) && File.Exists(Path.Combine(project, "habeas.db")) ? project : here;
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
