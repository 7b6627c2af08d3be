using Habeas.Storage;

namespace Habeas.Export;

/// <summary>
/// Placeholder for <c>import DIR</c> (taking back a directory written by <c>export --format json</c>), which is built on
/// the export branch; the lead keeps that version when merging.
/// </summary>
public static class DirectoryImport
{
    public static async Task<int> RunAsync(HabeasDb db, StorageOptions storage, string directory, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"Importing a directory written by export is not built in this branch ({directory}).".AsMemory(), cancellationToken);
        return 2;
    }
}
