using System.Runtime.CompilerServices;

namespace Habeas.Tests.Infrastructure;

/// <summary>Process-wide settings of the test run, made before any host starts.</summary>
internal static class TestEnvironment
{
    /// <summary>
    /// Hundreds of servers start in this process. Each watches files through inotify — its configuration, and its
    /// web root (the version hashes of asp-append-version), a watcher that outlives the server — and a Linux user
    /// has 128 inotify instances by default: past that, servers fail to start with an IOException. Hosts here do
    /// not watch their configuration (no test changes it while a server runs), and file providers poll instead.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
