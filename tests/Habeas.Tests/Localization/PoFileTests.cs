using Habeas.Platform.Localization;

namespace Habeas.Tests.Localization;

/// <summary>The PO reader and the Plural-Forms rules: what a translator's file must give (docs/translating.md).</summary>
public sealed class PoFileTests
{
    private const string Russian = """
        # A comment.
        msgid ""
        msgstr ""
        "Language: ru\n"
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

        #, csharp-format
        msgctxt "count.people"
        msgid "{0} person"
        msgid_plural "{0} people"
        msgstr[0] "{0} человек"
        msgstr[1] "{0} человека"
        msgstr[2] "{0} человек"

        msgctxt "nav.people"
        msgid "People"
        msgstr ""
        "Лю"
        "ди"

        #, fuzzy
        msgctxt "nav.cases"
        msgid "Cases"
        msgstr "Дела"

        msgctxt "quote"
        msgid "Say \"yes\"\nplease"
        msgstr "Скажите \"да\"\nпожалуйста"

        msgctxt "empty"
        msgid "Not yet"
        msgstr ""
        """;

    [Fact]
    public void AFile_GivesEachEntry_ItsKeyEnglishAndTranslations_FuzzyAndEmptyCountingAsUntranslated()
    {
        var file = PoFile.Parse(new StringReader(Russian), "ru.po");
        Assert.Equal("ru", file.Language);
        var entries = file.Entries.ToDictionary(e => e.Key);
        Assert.Equal(["{0} человек", "{0} человека", "{0} человек"], entries["count.people"].Translations);
        Assert.Equal("{0} people", entries["count.people"].EnglishPlural);
        Assert.Equal("Люди", entries["nav.people"].Translations[0]);
        Assert.True(entries["nav.people"].Translated);
        Assert.True(entries["nav.cases"].Fuzzy);
        Assert.False(entries["nav.cases"].Translated);
        Assert.False(entries["empty"].Translated);
        Assert.Equal("Say \"yes\"\nplease", entries["quote"].English);
        Assert.Equal("Скажите \"да\"\nпожалуйста", entries["quote"].Translations[0]);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(21, 0)]
    [InlineData(11, 2)]
    [InlineData(2, 1)]
    [InlineData(24, 1)]
    [InlineData(12, 2)]
    [InlineData(5, 2)]
    [InlineData(0, 2)]
    [InlineData(111, 2)]
    [InlineData(101, 0)]
    public void RussianPluralForms_FollowCldr(long n, int form)
    {
        var file = PoFile.Parse(new StringReader(Russian), "ru.po");
        Assert.Equal(3, file.Plural.Count);
        Assert.Equal(form, file.Plural.FormOf(n));
    }

    [Fact]
    public void EnglishHasTwoForms_KhmerAndThaiOne()
    {
        Assert.Equal(0, PluralRule.English.FormOf(1));
        Assert.Equal(1, PluralRule.English.FormOf(0));
        Assert.Equal(1, PluralRule.English.FormOf(2));
        Assert.Equal(1, Texts.CatalogOf("km").Rule.Count);
        Assert.Equal(1, Texts.CatalogOf("th").Rule.Count);
        Assert.Equal(0, Texts.CatalogOf("km").Rule.FormOf(5));
    }

    [Theory]
    [InlineData("msgid \"a\"\nmsgstr \"b", "a string must be in double quotes")]
    [InlineData("msgid \"a\"\nmsgwhat \"b\"", "unknown keyword")]
    [InlineData("\"orphan\"", "no keyword")]
    [InlineData("msgid \"a\\q\"\nmsgstr \"\"", "unknown escape")]
    public void ABrokenFile_IsRefused_NamingTheLine(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => PoFile.Parse(new StringReader(text), "xx.po"));
        Assert.Contains("xx.po:", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReaderFormat_WritesKhmerAndThaiDigits_AndTheBuddhistEra()
    {
        var native = new ReaderFormat(true, null);
        Assert.Equal("១,០៤៩", native.Digits("1,049", "km"));
        Assert.Equal("๒๕๖๙", native.Digits("2569", "th"));
        Assert.Equal("1,049", native.Digits("1,049", "en"));
        Assert.Equal("1,049", ReaderFormat.Default.Digits("1,049", "km"));
        Assert.True(ReaderFormat.Default.Buddhist("th"));
        Assert.False(ReaderFormat.Default.Buddhist("km"));
        Assert.Equal(native, ReaderFormat.Read(native.Write()));
        Assert.Equal(new ReaderFormat(false, true), ReaderFormat.Read("era=buddhist"));
        Assert.Equal(ReaderFormat.Default, ReaderFormat.Read("nonsense"));
    }
}
