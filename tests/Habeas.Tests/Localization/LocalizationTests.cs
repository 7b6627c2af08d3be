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
        var english = Texts.CatalogOf("en");
        Assert.Equal(["en", "km", "th"], Texts.Languages);
        foreach (var language in Texts.Languages)
        {
            var catalog = Texts.CatalogOf(language);
            Assert.Equal(language, catalog.Language);
            Assert.Empty(Texts.Missing(language));
            Assert.Empty(catalog.Strings.Keys.Except(english.Strings.Keys));
            Assert.DoesNotContain(catalog.Strings, s => string.IsNullOrWhiteSpace(s.Value));
            foreach (var (key, text) in english.Strings)
            {
                Assert.True(
                    Placeholders(text).SequenceEqual(Placeholders(catalog.Strings[key])),
                    $"{language}:{key} does not keep the placeholders of English"
                );
            }
            foreach (var (key, forms) in english.Plurals)
            {
                Assert.True(catalog.Plurals.ContainsKey(key), $"{language}:{key} is not a plural message");
                Assert.Equal(catalog.Rule.Count, catalog.Plurals[key].Length);
                Assert.All(catalog.Plurals[key], form => Assert.Equal(Placeholders(forms[1]), Placeholders(form)));
            }
        }
    }

    [Theory]
    [InlineData("km", '\u1780', '\u17FF')]
    [InlineData("th", '\u0E00', '\u0E7F')]
    public void Translations_AreWrittenInTheirScript(string language, char first, char last)
    {
        // Texts with words (not only placeholders and punctuation, as "{0} ({1})"), other than the product's and the
        // formats' names, which stay as they are.
        string[] names = ["Habeas", "CSV", "JSON", "FollowTheMoney"];
        var worded = Texts
            .Load(language)
            .Where(s => !names.Contains(s.Value) && Regex.Replace(s.Value, @"\{\d+(?::[^}]*)?\}", "").Any(char.IsLetter))
            .ToList();
        Assert.True(worded.Count > 1900, $"only {worded.Count} {language} strings");
        Assert.All(worded, s =>
            Assert.True(s.Value.Any(c => c >= first && c <= last), $"{language}:{s.Key} is not in its script: {s.Value}")
        );
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
                    string.IsNullOrWhiteSpace(
                        term.Labels.GetValueOrDefault(language) ?? Vocabularies.ShippedLabel(language, term.Vocabulary, term.Code)
                    ),
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

    private static IEnumerable<string> Placeholders(string text) => Regex.Matches(text, @"\{\d+(?::[^}]*)?\}").Select(m => m.Value).Order();

    [GeneratedRegex(""""(?:\bT|texts)(?:\.Format\(|\.Plural\(|\[)"(?<key>[a-zA-Z][\w.-]*)"""")]
    private static partial Regex KeyUse();
}
