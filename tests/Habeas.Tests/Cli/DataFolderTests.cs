using Habeas.Platform.Cli;
using Habeas.Platform.Storage;
using Microsoft.Extensions.Configuration;

namespace Habeas.Tests.Cli;

/// <summary>
/// The command line opens the data the server uses: run from the root of a clone it finds the database
/// <c>dotnet run --project src/Habeas</c> made, and when it is about to make a new database it says so, and where.
/// </summary>
public sealed class DataFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("habeas-data-folder-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void FromTheRootOfAClone_TheServersDataIsFound_ButADataFolderHereComesFirst()
    {
        var here = Path.Combine(_root, "data");
        var project = Path.Combine(_root, "src", "Habeas", "data");
        Assert.Equal(here, StorageOptions.DefaultDataDirectory(_root));

        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "habeas.db"), "");
        Assert.Equal(project, StorageOptions.DefaultDataDirectory(_root));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        Assert.Equal(project, StorageOptions.FromConfiguration(configuration, _root).DataDirectory);

        Directory.CreateDirectory(here);
        File.WriteAllText(Path.Combine(here, "habeas.db"), "");
        Assert.Equal(here, StorageOptions.DefaultDataDirectory(_root));
        // A folder given is always the one used.
        configuration[StorageOptions.DataKey] = Path.Combine(_root, "elsewhere");
        Assert.Equal(Path.Combine(_root, "elsewhere"), StorageOptions.FromConfiguration(configuration, _root).DataDirectory);
    }

    [Fact]
    public void AVerbAboutToMakeANewDatabase_SaysWhere_AndThatItIsNew()
    {
        var storage = new StorageOptions(Path.Combine(_root, "data"), null);
        var notice = CliDatabase.NewDatabaseNotice(storage);
        Assert.NotNull(notice);
        Assert.Contains(storage.DataDirectory, notice, StringComparison.Ordinal);
        Assert.Contains("creates a new, empty one", notice, StringComparison.Ordinal);
        Assert.Contains("--data", notice, StringComparison.Ordinal);

        Directory.CreateDirectory(storage.DataDirectory);
        File.WriteAllText(storage.SqlitePath, "");
        Assert.Null(CliDatabase.NewDatabaseNotice(storage));
        Assert.Null(CliDatabase.NewDatabaseNotice(new StorageOptions(Path.Combine(_root, "none"), "Host=127.0.0.1")));
    }
}
