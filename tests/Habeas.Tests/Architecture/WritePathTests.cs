using Habeas.Platform.Storage;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Architecture;

/// <summary>
/// Storage stores: who may save what is checked by the page or endpoint before it saves, never refused from inside the
/// save. The refusals themselves (403 with the reason) are tested by the features (LettersTests, AccessTests …).
/// </summary>
public sealed partial class WritePathTests
{
    [Fact]
    public void NoPartOfTheSave_AndNothingInStorage_RefusesAUser()
    {
        var parts = RecordSaving.Parts.Select(p => p.GetType()).ToList();
        Assert.NotEmpty(parts);
        var files = Directory
            .GetFiles(Repository.Sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f =>
                f.Contains(Path.Combine("Platform", "Storage"), StringComparison.Ordinal)
                || parts.Any(p => File.ReadAllText(f).Contains($"class {p.Name} ", StringComparison.Ordinal))
            )
            .ToList();
        Assert.True(files.Count > parts.Count, string.Join(", ", files));
        foreach (var file in files)
        {
            Assert.False(
                File.ReadAllText(file).Contains("AccessDeniedException", StringComparison.Ordinal),
                $"{Path.GetRelativePath(Repository.Root, file)} refuses a user from inside the save; check in the feature before saving."
            );
        }
    }

    [Fact]
    public void ALevelIsSet_OnlyThroughTheLevelRule()
    {
        // RecordLevels.Set checks LevelRule first; the demonstration data is loaded by the system, which may do anything.
        var assignments = Directory
            .GetFiles(Repository.Sources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.Combine("Host", "Demo"), StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => LevelAssignment().IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("input.", StringComparison.Ordinal))
            .Select(l => Path.GetRelativePath(Repository.Root, l.File))
            .Distinct()
            .ToList();
        Assert.Equal([Path.Combine("src", "Habeas", "Platform", "Access", "RecordLevels.cs")], assignments);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.Level\s*=[^=>]")]
    private static partial System.Text.RegularExpressions.Regex LevelAssignment();
}
