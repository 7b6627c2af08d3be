namespace Habeas.Platform.Security;

/// <summary>
/// Key files live in DATA/keys, outside the database: the folder readable by the service account only (0700),
/// each file 0600, written whole to a temporary file and renamed, so a crash never leaves half a key.
/// </summary>
public static class KeyFiles
{
    public static string Folder(string dataDirectory) => Path.Combine(dataDirectory, "keys");

    public static void WriteProtected(string path, string content)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temporary = path + ".new";
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(temporary, content);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Delete(temporary);
            using (
                var stream = new FileStream(
                    temporary,
                    new FileStreamOptions
                    {
                        Mode = FileMode.CreateNew,
                        Access = FileAccess.Write,
                        UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    }
                )
            )
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
