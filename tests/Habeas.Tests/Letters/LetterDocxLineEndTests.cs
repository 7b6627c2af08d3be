using System.IO.Compression;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Letters;

namespace Habeas.Tests.Letters;

/// <summary>B20 of the user trial: a postal address typed in a textarea (CRLF) left "\r" at the end of each line in the .docx.</summary>
public sealed class LetterDocxLineEndTests
{
    [Fact]
    public async Task ALetterWithWindowsOrOldMacLineEnds_GivesOneParagraphPerLine_WithNoCarriageReturn()
    {
        var text = "H.E. the Minister\r\nPalais des Nations\r\n1211 Geneva\rSwitzerland\n\r\nDear Minister,";
        var bytes = LetterDocx.Write(new LetterBuilder.Letter("en", text, new CampaignTarget()));

        using var zip = new ZipArchive(new MemoryStream(bytes));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.DoesNotContain("\r", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xD;", xml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(">Palais des Nations</w:t>", xml, StringComparison.Ordinal);
        Assert.Contains(">1211 Geneva</w:t>", xml, StringComparison.Ordinal);
        Assert.Contains(">Switzerland</w:t>", xml, StringComparison.Ordinal);
        Assert.Equal(6, xml.Split("<w:p>", StringSplitOptions.None).Length - 1);
    }
}
