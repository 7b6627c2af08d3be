using Habeas.Core.Letters;

namespace Habeas.Core.Tests.Letters;

public sealed class LetterMergeTests
{
    private static readonly Dictionary<string, string?> Values = new()
    {
        [LetterMerge.Salutation] = "เรียน ท่านนายกรัฐมนตรี",
        [LetterMerge.TargetTitle] = "Prime Minister",
        [LetterMerge.TargetName] = "Thaksin Shinawatra",
        [LetterMerge.TargetOrganisation] = "Government House",
        [LetterMerge.TargetAddress] = "Pitsanulok Road\nBangkok 10300",
        [LetterMerge.PrisonerName] = "สุข เยือน",
        [LetterMerge.SupporterName] = "Anna",
        [LetterMerge.SupporterTown] = "Tampere",
        [LetterMerge.Date] = "2 December 2026",
    };

    [Fact]
    public void Merge_FillsEveryField_WithOrWithoutSpacesInTheBraces()
    {
        var letter = LetterMerge.Merge(
            "{{target.title}} {{ target.name }}\n{{target.address}}\n\n{{salutation}},\nRelease {{prisoner.name}}.\n{{supporter.name}}, {{supporter.town}}, {{date}}",
            Values
        );
        Assert.Equal(
            "Prime Minister Thaksin Shinawatra\nPitsanulok Road\nBangkok 10300\n\nเรียน ท่านนายกรัฐมนตรี,\nRelease สุข เยือน.\nAnna, Tampere, 2 December 2026",
            letter
        );
    }

    [Fact]
    public void Merge_DropsALineLeftEmptyByABlankField_ButKeepsBlankLinesWritten()
    {
        var values = new Dictionary<string, string?>(Values) { [LetterMerge.TargetTitle] = null };
        Assert.Equal("Thaksin Shinawatra\n\nDear", LetterMerge.Merge("{{target.title}}\n{{target.name}}\n\nDear", values));
    }

    [Theory]
    [InlineData("Dear {{target.nmae}}", "target.nmae")]
    [InlineData("{{prisoner.name}} {{supporter.email}} {{supporter.email}}", "supporter.email")]
    [InlineData("Dear {{salutation}", "{{")]
    [InlineData("Dear salutation}}", "}}")]
    public void UnknownFields_AreNamed(string template, string unknown) => Assert.Equal([unknown], LetterMerge.UnknownFields(template));

    [Fact]
    public void KnownFields_AreNotUnknown() =>
        Assert.Empty(LetterMerge.UnknownFields(string.Join(" ", LetterMerge.Fields.Select(f => "{{" + f + "}}"))));

    [Fact]
    public void Dates_AreWrittenTheWayTheLettersLanguageWritesThem()
    {
        var day = new DateOnly(2026, 12, 2);
        Assert.Equal("2 December 2026", LetterMerge.FormatDate(day, "en"));
        Assert.Contains("ธันวาคม 2569", LetterMerge.FormatDate(day, "th"), StringComparison.Ordinal);
        Assert.Contains("ធ្នូ", LetterMerge.FormatDate(day, "km"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Anna", false, SupporterText.Problem.None)]
    [InlineData("An\u0000na", false, SupporterText.Problem.ControlCharacters)]
    [InlineData("Anna\nBerg", false, SupporterText.Problem.ControlCharacters)]
    [InlineData("Stay strong,\nAnna", true, SupporterText.Problem.None)]
    [InlineData("evil\u202Etxt", true, SupporterText.Problem.ControlCharacters)]
    [InlineData("evil\u202Atxt", false, SupporterText.Problem.ControlCharacters)]
    [InlineData("Anna\u200B", false, SupporterText.Problem.ControlCharacters)]
    [InlineData("ពាក្យ\u200Bពាក្យ", true, SupporterText.Problem.None)]
    public void SupporterText_RefusesControlCharacters(string text, bool multiline, SupporterText.Problem problem) =>
        Assert.Equal(problem, SupporterText.Check(text, 100, multiline));

    [Fact]
    public void SupporterText_RefusesTooLong() =>
        Assert.Equal(SupporterText.Problem.TooLong, SupporterText.Check(new string('a', SupporterText.MaxName + 1), SupporterText.MaxName));
}
