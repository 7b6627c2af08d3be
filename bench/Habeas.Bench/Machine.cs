using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Habeas.Bench;

/// <summary>What the run ran on, read from the machine itself.</summary>
public static class Machine
{
    /// <summary>This process's peak resident set (VmHWM), in kB; 0 where /proc is not there.</summary>
    public static long PeakRssKb() => ProcStatus("VmHWM:");

    public static long RssKb() => ProcStatus("VmRSS:");

    private static long ProcStatus(string field)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public static string Cpu()
    {
        var model = Run("lscpu", "")
            .Split('\n')
            .FirstOrDefault(l => l.StartsWith("Model name:", StringComparison.Ordinal))
            ?["Model name:".Length..].Trim();
        return $"{model ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores";
    }

    public static string Memory()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"{kb / 1048576.0:F1} GiB");
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static string OperatingSystem()
    {
        try
        {
            var line = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal));
            return line?["PRETTY_NAME=".Length..].Trim('"') ?? RuntimeInformation.OSDescription;
        }
        catch (IOException)
        {
            return RuntimeInformation.OSDescription;
        }
    }

    /// <summary>The last commit that changed src/ in the repository the program runs from ("abc1234", with "+ changes"
    /// when src/ has uncommitted ones), or "?".</summary>
    public static string Commit()
    {
        var commit = Run("git", "log -1 --format=%h -- :/src").Trim();
        if (commit.Length == 0)
        {
            return "?";
        }
        return Run("git", "status --porcelain --untracked-files=no -- :/src").Trim().Length > 0 ? commit + " + changes" : commit;
    }

    private static string Run(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(
                new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false }
            );
            if (process is null)
            {
                return "";
            }
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
