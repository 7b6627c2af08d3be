using System.Text.RegularExpressions;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Operations;

/// <summary>
/// Every time the program reads comes from the <see cref="TimeProvider"/> it is given, so a record, its history and its
/// audit entry carry times of one clock, and tests move a fake clock instead of waiting.
/// </summary>
public sealed partial class OneClockTests
{
    [Fact]
    public void TheSources_NeverReadTheWallClock_ButThroughTimeProvider()
    {
        var root = Repository.Root;
        var reads = new[] { "src", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, number: index + 1)))
            .Where(l => WallClock().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(root, l.path)}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.True(reads.Count == 0, "Read the time from TimeProvider instead:\n" + string.Join("\n", reads));
    }

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();
}
