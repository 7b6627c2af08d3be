namespace Habeas.Tests.Infrastructure;

/// <summary>Where the repository's files are, for tests that read sources and documents.</summary>
public static class Repository
{
    /// <summary>The folder holding Habeas.slnx, above the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The application's sources, src/Habeas.</summary>
    public static string Sources => Path.Combine(Root, "src", "Habeas");

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Habeas.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Habeas.slnx not found above " + AppContext.BaseDirectory);
    }
}
