using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Cli;

/// <summary>How a command-line verb opens the database the web application uses.</summary>
public static class CliDatabase
{
    /// <summary>A context on a database for a verb: the operator at the command line works on the whole record (never on confidential
    /// values).</summary>
    public static HabeasDb Open(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!storage.IsPostgres)
        {
            storage.EnsureDataDirectory();
        }
        var options = new DbContextOptionsBuilder<HabeasDb>();
        storage.Configure(options);
        return new HabeasDb(options.Options, TimeProvider.System) { Viewer = Habeas.Platform.Access.Viewer.System };
    }

    /// <summary>
    /// What a verb says on standard error before it works on a SQLite database that is not there yet (it will create
    /// one): which folder, and that it is new, so nobody mistakes it for the server's. Null when the database exists or
    /// is PostgreSQL.
    /// </summary>
    public static string? NewDatabaseNotice(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return storage.IsPostgres || File.Exists(storage.SqlitePath)
            ? null
            : $"Note: there is no Habeas database in {storage.DataDirectory}, so this command creates a new, empty one there. "
                + "If you meant a running server's data, give its folder with --data (a server started with "
                + "`dotnet run --project src/Habeas` keeps it in src/Habeas/data).";
    }
}
