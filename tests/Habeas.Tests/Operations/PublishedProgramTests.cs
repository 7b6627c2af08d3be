using System.Diagnostics;

namespace Habeas.Tests.Operations;

/// <summary>
/// The single-file program (deploy/publish.sh) starts and serves: deploy/check-published.sh publishes it (about three
/// minutes on the development machine) and checks it. Too slow for every run: it runs under CI=true or
/// HABEAS_TEST_PUBLISH=1, and is reported as skipped otherwise.
/// </summary>
[Trait(Infrastructure.TestKinds.Trait, Infrastructure.TestKinds.System)]
public sealed class PublishedProgramTests
{
    [Fact]
    public async Task ThePublishedSingleFile_MigratesStartsAndIsHealthy()
    {
        if (!IsSet("CI") && !IsSet("HABEAS_TEST_PUBLISH"))
        {
            Assert.Skip("Publishing takes minutes: set HABEAS_TEST_PUBLISH=1 (CI=true runs it) to check the single-file program.");
        }
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Habeas.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The checkout's root (Habeas.slnx) was not found.");
        }
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(root, "deploy", "check-published.sh") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await output + await errors);
        Assert.Contains("is healthy", await output, StringComparison.Ordinal);
    }

    private static bool IsSet(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { } value
        && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
