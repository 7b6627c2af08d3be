using System.Text.RegularExpressions;
using Habeas.Platform.Localization;
using Habeas.Platform.Vocabulary;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Localization;

public sealed partial class LocalizationTests
{
    [Fact]
    public void EveryInterfaceString_ExistsInEveryLanguage()
    {
        var english = Texts.Load("en");
        foreach (var language in Texts.Languages)
        {
            var strings = Texts.Load(language);
            Assert.Empty(english.Keys.Except(strings.Keys));
            Assert.Empty(strings.Keys.Except(english.Keys));
            Assert.DoesNotContain(strings, s => string.IsNullOrWhiteSpace(s.Value));
            foreach (var (key, text) in english)
            {
                Assert.True(
                    Placeholders(text).SequenceEqual(Placeholders(strings[key])),
                    $"{language}:{key} does not keep the placeholders of English"
                );
            }
        }
    }

    [Fact]
    public void KhmerStrings_AreWrittenInKhmer()
    {
        var khmer = Texts.Load("km");
        var inKhmer = khmer.Values.Count(v => v.Any(c => c is >= '\u1780' and <= '\u17FF'));
        Assert.True(inKhmer >= khmer.Count - 2, $"only {inKhmer} of {khmer.Count} Khmer strings contain Khmer script");
    }

    [Fact]
    public void EveryKeyUsedInTheSource_IsDefined()
    {
        var english = Texts.Load("en");
        var source = Path.Combine(Repository.Root, "src", "Habeas");
        var used = Directory
            .EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet();
        Assert.NotEmpty(used);
        // A key ending in "." is the prefix of keys chosen at run time (T["stage." + stage]).
        Assert.DoesNotContain(used, k =>
            k.EndsWith('.') ? !english.Keys.Any(e => e.StartsWith(k, StringComparison.Ordinal)) : !english.ContainsKey(k)
        );
    }

    [Fact]
    public void EveryVocabularyTerm_HasALabelInEveryLanguage()
    {
        var terms = Vocabularies.Shipped();
        Assert.Contains(terms, t => t.Vocabulary == "event-type" && t.Code == "arrest");
        foreach (var term in terms)
        {
            foreach (var language in Texts.Languages)
            {
                Assert.False(
                    string.IsNullOrWhiteSpace(term.Labels.GetValueOrDefault(language)),
                    $"{term.Vocabulary}/{term.Code} has no {language} label"
                );
            }
        }
    }

    [Fact]
    public void EveryCustodyStatus_HasALabel()
    {
        var labelled = Vocabularies.Shipped().Where(t => t.Vocabulary == "custody-status").Select(t => t.Code).ToHashSet();
        Assert.All(Core.Custody.CustodyStatuses.All, s => Assert.Contains(Core.Custody.CustodyStatuses.Code(s), labelled));
    }

    private static IEnumerable<string> Placeholders(string text) => Regex.Matches(text, @"\{\d\}").Select(m => m.Value).Order();

    [GeneratedRegex(""""(?:\bT|texts)(?:\.Format\(|\[)"(?<key>[a-zA-Z][\w.-]*)"""")]
    private static partial Regex KeyUse();
}
