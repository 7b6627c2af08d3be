using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Habeas.Campaigns.Letters;

/// <summary>
/// A letter as a Word document on A4: one paragraph per line, every run in a font that has the script and, for
/// Khmer and Thai, marked complex-script (w:cs) with the language as w:lang bidi and eastAsia, so Word and
/// LibreOffice shape it rather than show it letter by letter.
/// </summary>
public static class LetterDocx
{
    public static byte[] Write(LetterBuilder.Letter letter)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new DocDefaults(
                    new RunPropertiesDefault(
                        new RunPropertiesBaseStyle(
                            Fonts(letter.Language),
                            Language(letter.Language),
                            new FontSize { Val = "22" },
                            new FontSizeComplexScript { Val = "24" }
                        )
                    ),
                    new ParagraphPropertiesDefault(
                        new ParagraphPropertiesBaseStyle(
                            new SpacingBetweenLines
                            {
                                After = "120",
                                Line = "300",
                                LineRule = LineSpacingRuleValues.Auto,
                            }
                        )
                    )
                )
            );
            var body = new Body();
            // A textarea sends CRLF: every line end (CRLF, CR or LF) ends a paragraph, and no carriage return stays in a w:t.
            foreach (var line in letter.Text.ReplaceLineEndings("\n").Split('\n'))
            {
                var properties = new RunProperties(Fonts(letter.Language));
                if (LetterBuilder.IsComplexScript(letter.Language))
                {
                    properties.Append(new ComplexScript());
                }
                properties.Append(new FontSizeComplexScript { Val = "24" }, Language(letter.Language));
                body.Append(new Paragraph(new Run(properties, new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
            }
            // A4 in twentieths of a point, 2.5 cm margins.
            body.Append(
                new SectionProperties(
                    new PageSize { Width = 11906U, Height = 16838U },
                    new PageMargin
                    {
                        Top = 1418,
                        Right = 1418U,
                        Bottom = 1418,
                        Left = 1418U,
                        Header = 709U,
                        Footer = 709U,
                        Gutter = 0U,
                    }
                )
            );
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static RunFonts Fonts(string language)
    {
        var font = LetterBuilder.Font(language);
        return new RunFonts
        {
            Ascii = font,
            HighAnsi = font,
            ComplexScript = font,
            EastAsia = font,
        };
    }

    private static Languages Language(string language)
    {
        var culture = LetterBuilder.Culture(language);
        return LetterBuilder.IsComplexScript(language)
            ? new Languages
            {
                Val = culture,
                Bidi = culture,
                EastAsia = culture,
            }
            : new Languages { Val = culture };
    }
}
