using System.Diagnostics;

namespace Habeas.Tests.Infrastructure;

/// <summary>Runs a program of the machine (mount, runuser, pg_ctl…) to its end.</summary>
public static class Commands
{
    /// <summary>The exit code and everything it printed; -1 when the program is not there.</summary>
    public static async Task<(int Code, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    /// <summary>Runs it and throws, with what it printed, unless it exits 0.</summary>
    public static async Task CheckAsync(string program, params string[] arguments)
    {
        var (code, output) = await RunAsync(program, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {code}: {output}");
        }
    }
}
