using Habeas.Host;
using Habeas.Platform.Security;

// Whatever the umask it was started with, what it writes is the service account's alone (Security/FileModes.cs).
FileModes.RestrictNewFiles();

// One program, two faces: a verb ("serve", "migrate", "demo") runs the command line; anything else
// (including the arguments WebApplicationFactory passes in tests) starts the web application.
if (args.Length > 0 && (Verbs.IsVerb(args[0]) || args[0] is "--help" or "-h" or "-?" or "--version"))
{
    return await Verbs.RunAsync(args);
}

await HabeasApp.Build(args).RunAsync();
return 0;

/// <summary>The entry point, named for WebApplicationFactory in the tests.</summary>
public partial class Program;
