using Habeas.Core.Text;

namespace Habeas.Core.Tests.Text;

public sealed class TypedTextTests
{
    [Theory]
    [InlineData("Sok Yoeun", false, TypedText.Problem.None)]
    [InlineData("សុខ យឿន", false, TypedText.Problem.None)]
    [InlineData("محمد\u200Cرضا", false, TypedText.Problem.None)]
    [InlineData("क्\u200Dष", false, TypedText.Problem.None)]
    [InlineData("evil\u202Etxt.exe", false, TypedText.Problem.Bidi)]
    [InlineData("a\u202Ab", true, TypedText.Problem.Bidi)]
    [InlineData("a\u2069b", true, TypedText.Problem.Bidi)]
    [InlineData("a\u200Eb", false, TypedText.Problem.Bidi)]
    [InlineData("a\u200Eb", true, TypedText.Problem.None)]
    [InlineData("សុខ\u200Bយឿន", false, TypedText.Problem.Invisible)]
    [InlineData("ពាក្យ\u200Bពាក្យ", true, TypedText.Problem.None)]
    [InlineData("a\uFEFFb", false, TypedText.Problem.Invisible)]
    [InlineData("a\nb", false, TypedText.Problem.LineBreak)]
    [InlineData("a\r\nb", true, TypedText.Problem.None)]
    [InlineData("a\u2028b", false, TypedText.Problem.LineBreak)]
    [InlineData("a\u0085b", false, TypedText.Problem.LineBreak)]
    [InlineData("a\tb", true, TypedText.Problem.Control)]
    [InlineData("a\u0000b", true, TypedText.Problem.Control)]
    public void Find_NamesTheFirstCharacterTheTextMayNotHold(string text, bool multiline, TypedText.Problem expected)
    {
        var (problem, index, _) = TypedText.Find(text, multiline);
        Assert.Equal(expected, problem);
        Assert.Equal(
            expected == TypedText.Problem.None
                ? -1
                : text.IndexOf(text.First(c => TypedText.Classify(c, multiline) != TypedText.Problem.None)),
            index
        );
    }
}
