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
        if (!storage.IsPostgres)
        {
            storage.EnsureDataDirectory();
        }
        var options = new DbContextOptionsBuilder<HabeasDb>();
        storage.Configure(options);
        return new HabeasDb(options.Options, TimeProvider.System) { Viewer = Habeas.Platform.Access.Viewer.System };
    }
}
