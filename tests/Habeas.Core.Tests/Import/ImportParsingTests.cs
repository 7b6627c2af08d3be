using System.Diagnostics;
using Habeas.Core.Import;

namespace Habeas.Core.Tests.Import;

public class ImportParsingTests
{
    [Fact]
    public void Csv_QuotedFieldsWithDelimitersQuotesAndLineBreaks_AreOneFieldEach_AndLinesAreTheFilesOwn()
    {
        var records = CsvRecords.Read(new StringReader("\uFEFFa;b;c\r\n1;\"x; \"\"y\"\"\";\"two\nlines\"\n\n3;;z\n"), ';').ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(["a", "b", "c"], records[0].Fields);
        Assert.Equal(["1", "x; \"y\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(5, records[2].Line);
        Assert.Equal(["3", "", "z"], records[2].Fields);
    }

    [Fact]
    public void Csv_AQuoteNeverClosed_IsAFormatErrorNamingItsLine()
    {
        var e = Assert.Throws<FormatException>(() => CsvRecords.Read(new StringReader("a,b\n1,\"open\n2,3\n"), ',').ToList());
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a,b,c", ',')]
    [InlineData("a;b;\"c,d\";e", ';')]
    [InlineData("a\tb\tc", '\t')]
    public void Delimiter_IsGuessedFromTheHeader(string header, char expected) => Assert.Equal(expected, CsvRecords.GuessDelimiter(header));

    [Theory]
    [InlineData("7", 7, 0, 0)]
    [InlineData("7 years", 7, 0, 0)]
    [InlineData("5 years 6 months", 5, 6, 0)]
    [InlineData("18 months", 0, 18, 0)]
    [InlineData("2y 6m 10d", 2, 6, 10)]
    [InlineData("3 yrs", 3, 0, 0)]
    [InlineData("P5Y6M", 5, 6, 0)]
    public void Sentence_ReadsTheCommonWritings(string text, int years, int months, int days)
    {
        Assert.True(ImportValues.TrySentence(text, out var y, out var m, out var d));
        Assert.Equal((years, months, days), (y, m, d));
    }

    [Theory]
    [InlineData("life")]
    [InlineData("death")]
    [InlineData("7 years and a fine")]
    [InlineData("")]
    public void Sentence_WithoutATerm_IsRefused(string text) => Assert.False(ImportValues.TrySentence(text, out _, out _, out _));

    [Theory]
    [InlineData("15/12/1999", "1999-12-15")]
    [InlineData("12/1999", "1999-12")]
    [InlineData("1999-12~", "1999-12~")]
    [InlineData("31/02/1999", "31/02/1999")]
    public void Dates_InAnotherFormat_BecomeEdtf_ToTheFormatsPrecision(string text, string expected) =>
        Assert.Equal(expected, ImportValues.Date(text, ["dd/MM/yyyy", "MM/yyyy"]));

    [Fact]
    public void Mapping_NamesColumnsThatAreNotFields_AndIgnoresColumnsMappedToNull()
    {
        var mapping = ImportMapping.Parse(
            """{ "columns": { "A": "birthDate", "B": "event2.date", "C": null, "D": "birthday" }, "values": { "event.type": { "x": "arrest" } } }"""
        );

        Assert.Equal("birthDate", mapping.FieldFor("A", out _));
        Assert.Null(mapping.FieldFor("C", out var ignored));
        Assert.False(ignored);
        Assert.Null(mapping.FieldFor("Notes", out var unmapped));
        Assert.True(unmapped);
        Assert.Equal("occupation", mapping.FieldFor("occupation", out _));
        var problem = Assert.Single(mapping.Problems());
        Assert.Contains("\"birthday\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_ApplyConstantsTranslationsAndSplitTags()
    {
        var mapping = ImportMapping.Parse(
            """{ "columns": { "Who": "name", "G": "sex", "T": "tags", "Arrested": "event1.date" }, "constants": { "event1.type": "arrest" }, "values": { "sex": { "M": "male" } } }"""
        );
        var rows = ImportRows.ReadCsv(new StringReader("Who,G,T,Arrested\nSok,M,journalist; monk,2020\nDara,,,\n"), mapping).Rows.ToList();

        var row = rows[0];
        Assert.Equal(2, row.Line);
        Assert.Contains(row.Cells, c => c.Field.Name == "sex" && c.Value == "male" && c.Column == "G");
        Assert.Equal(["journalist", "monk"], row.Cells.Where(c => c.Field.Name == "tags").Select(c => c.Value));
        Assert.Contains(row.Cells, c =>
            c.Field.ToString() == "event1.type" && c.Value == "arrest" && c.Column == ImportRows.ConstantColumn
        );
        // A constant completes an event the row gives; it makes none where the row has no cell for that event.
        Assert.DoesNotContain(rows[1].Cells, c => c.Field.Group == FieldGroup.Event);
    }

    [Fact]
    public void AColumn_MayFeedSeveralFields_AndBeCutIntoSeveralSources()
    {
        var mapping = ImportMapping.Parse(
            """
            { "system": "s", "columns": { "Name": "name", "Links": ["externalId", "source2.url"] }, "split": { "Links": " " },
              "constants": { "source1.title": "The list" } }
            """
        );
        var row = ImportRows.ReadCsv(new StringReader("Name,Links\nSok,https://a.example/1  https://b.example/2\n"), mapping).Rows.Single();

        Assert.Empty(mapping.Problems());
        Assert.Equal(["externalId", "source2.url"], mapping.FieldsFor("Links", out _));
        Assert.Equal("https://a.example/1", Assert.Single(row.Cells, c => c.Field.Name == "externalId").Value);
        Assert.Equal("https://a.example/1", Assert.Single(row.Cells, c => c.Field.ToString() == "source2.url").Value);
        Assert.Equal("https://b.example/2", Assert.Single(row.Cells, c => c.Field.ToString() == "source3.url").Value);
        Assert.Contains(row.Cells, c => c.Field.ToString() == "source1.title" && c.Value == "The list");
        // Written back as the array it was read from.
        Assert.Contains("\"Links\": [", mapping.ToJson(), StringComparison.Ordinal);
        Assert.Equal(["externalId", "source2.url"], ImportMapping.Parse(mapping.ToJson()).FieldsFor("Links", out _));
    }

    [Fact]
    public void SeveralColumnsInOneTextField_AreJoinedEachUnderItsHeader_AndAValueTranslatedToNothingIsLeftOut()
    {
        var mapping = ImportMapping.Parse(
            """
            { "columns": { "Name": "name", "Born": "birthDate", "Place": "source1.quote", "Sentence": "source1.quote" },
              "constants": { "source1.title": "The list" }, "values": { "birthDate": { "1952-08021": "" } } }
            """
        );
        var rows = ImportRows
            .ReadCsv(new StringReader("Name,Born,Place,Sentence\nA,1952-08021,长春,2019-12-07\nB,1960,,life\n"), mapping)
            .Rows.ToList();

        var quote = Assert.Single(rows[0].Cells, c => c.Field.ToString() == "source1.quote");
        Assert.Equal(("Place + Sentence", "Place: 长春\nSentence: 2019-12-07"), (quote.Column, quote.Value));
        Assert.DoesNotContain(rows[0].Cells, c => c.Field.Name == "birthDate");
        Assert.Equal("Sentence: life", Assert.Single(rows[1].Cells, c => c.Field.ToString() == "source1.quote").Value);
        Assert.Equal("1960", Assert.Single(rows[1].Cells, c => c.Field.Name == "birthDate").Value);
    }

    [Fact]
    public void Mapping_NamesEachUnknownFieldOfAColumn_AndAnEmptySeparator()
    {
        var mapping = ImportMapping.Parse("""{ "columns": { "A": ["externalId", "sourcee1.url"] }, "split": { "A": "" } }""");

        var problems = mapping.Problems();
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("\"sourcee1.url\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("separator", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => ImportMapping.Parse("""{ "columns": { "A": 3 } }"""));
    }

    [Fact]
    public void MalformedInput_GivesRowsOrADocumentedError_EachInUnderASecond()
    {
        var state = 6u;
        int Next(int n)
        {
            state = (state * 1664525) + 1013904223;
            return (int)((state >> 8) % (uint)n);
        }
        var alphabet = "ab,;\"\n\r\t{}[]:សុខ\u0000\uFEFF ";
        for (var i = 0; i < 300; i++)
        {
            var text = new string(Enumerable.Range(0, Next(400)).Select(_ => alphabet[Next(alphabet.Length)]).ToArray());
            var watch = Stopwatch.StartNew();
            try
            {
                _ = ImportRows.ReadCsv(new StringReader(text), new ImportMapping()).Rows.ToList();
            }
            catch (FormatException) { }
            try
            {
                _ = ImportRows.ReadJson(text, new ImportMapping()).Rows.ToList();
            }
            catch (FormatException) { }
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"input {i} took {watch.Elapsed}");
        }
    }
}
