using Habeas.Core.Dates;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Sources;

/// <summary>What a form or an API call may set on a source. A source needs only a title.</summary>
public sealed class SourceInput
{
    public string? Title { get; set; }
    public string? Kind { get; set; }
    public string? Publisher { get; set; }
    public string? Author { get; set; }
    public string? Date { get; set; }
    public string? Url { get; set; }
    public string? Language { get; set; }
    public string? Reliability { get; set; }
    public string? Excerpt { get; set; }

    /// <summary>public, internal or restricted (Access.RecordLevels); unchanged when not sent, internal for a new record.</summary>
    public string? Level { get; set; }
    public int? Version { get; set; }

    public static SourceInput From(Source s) =>
        new()
        {
            Title = s.Title,
            Kind = s.Kind,
            Publisher = s.Publisher,
            Author = s.Author,
            Date = s.Date?.ToString(),
            Url = s.Url,
            Language = s.Language,
            Reliability = s.Reliability,
            Excerpt = s.Excerpt,
            Level = s.Level,
            Version = s.Version,
        };

    public Validation Validate(Vocabularies vocabularies)
    {
        var v = new Validation();
        Habeas.Platform.Access.RecordLevels.Check(v, Level);
        v.Required("title", Title, "field.title");
        v.Line("title", Title, 1000, "field.title");
        v.Term("kind", Kind, vocabularies, "source-kind", "source.kind");
        v.Term("reliability", Reliability, vocabularies, "reliability", "field.reliability");
        v.Date("date", Date, "field.date");
        v.Line("publisher", Publisher, 300, "field.publisher");
        v.Line("author", Author, 300, "field.author");
        v.Line("language", Language, 20, "field.language");
        v.MaxLength("excerpt", Excerpt, 20000, "field.excerpt");
        if (
            !string.IsNullOrWhiteSpace(Url)
            && !(
                Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            )
        )
        {
            v.Add("url", "source.error.url");
        }
        return v;
    }

    public void ApplyTo(Source s, Habeas.Platform.Access.Viewer viewer)
    {
        if (Level is not null)
        {
            Habeas.Platform.Access.RecordLevels.Set(s, Level, viewer);
        }
        s.Title = Title!.Trim();
        s.Kind = Blank(Kind);
        s.Publisher = Blank(Publisher);
        s.Author = Blank(Author);
        s.Date = FuzzyDate.TryParse(Date, out var date, out _) ? date : null;
        s.Url = Blank(Url);
        s.Language = Blank(Language);
        s.Reliability = Blank(Reliability);
        s.Excerpt = Blank(Excerpt);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Ties a source to one record (person, case, event, charge or designation), optionally one field of it.</summary>
public sealed class CitationInput
{
    public Guid? SourceId { get; set; }
    public string? TargetType { get; set; }
    public Guid? TargetId { get; set; }
    public string? Field { get; set; }
    public string? Page { get; set; }
    public string? Quote { get; set; }
    public int? Version { get; set; }

    public static CitationInput From(Citation c) =>
        new()
        {
            SourceId = c.SourceId,
            TargetType = c.TargetType,
            TargetId = c.TargetId,
            Field = c.Field,
            Page = c.Page,
            Quote = c.Quote,
            Version = c.Version,
        };

    public static readonly string[] TargetTypes = ["person", "case", "event", "charge", "designation"];

    public async Task<Validation> ValidateAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (SourceId is null)
        {
            v.Add("sourceId", "validation.required", new Validation.Label("citation.source"));
        }
        else if (!await db.Sources.AnyAsync(s => s.Id == SourceId, cancellationToken))
        {
            v.Add("sourceId", "problem.notFound.detail", Problems.Noun("source"), SourceId);
        }
        if (TargetType is null || !TargetTypes.Contains(TargetType))
        {
            v.Add("targetType", "citation.error.targetType", Problems.LabelledCodes(TargetTypes, t => "noun." + t));
        }
        else if (TargetId is null)
        {
            v.Add("targetId", "citation.error.target");
        }
        else if (!await TargetExistsAsync(db, TargetType, TargetId.Value, cancellationToken))
        {
            v.Add("targetId", "problem.notFound.detail", Problems.Noun(TargetType), TargetId);
        }
        v.Line("field", Field, 100, "field.field");
        v.Line("page", Page, 100, "field.page");
        v.MaxLength("quote", Quote, 5000, "field.quote");
        return v;
    }

    public static Task<bool> TargetExistsAsync(HabeasDb db, string type, Guid id, CancellationToken cancellationToken) =>
        type switch
        {
            "person" => db.People.AnyAsync(x => x.Id == id, cancellationToken),
            "case" => db.Cases.AnyAsync(x => x.Id == id, cancellationToken),
            "event" => db.Events.AnyAsync(x => x.Id == id, cancellationToken),
            "charge" => db.Charges.AnyAsync(x => x.Id == id, cancellationToken),
            "designation" => db.Designations.AnyAsync(x => x.Id == id, cancellationToken),
            _ => Task.FromResult(false),
        };

    public Citation ToCitation()
    {
        var citation = new Citation { TargetType = "" };
        ApplyTo(citation);
        return citation;
    }

    public void ApplyTo(Citation citation)
    {
        citation.SourceId = SourceId!.Value;
        citation.TargetType = TargetType!;
        citation.TargetId = TargetId!.Value;
        citation.Field = string.IsNullOrWhiteSpace(Field) ? null : Field.Trim();
        citation.Page = string.IsNullOrWhiteSpace(Page) ? null : Page.Trim();
        citation.Quote = string.IsNullOrWhiteSpace(Quote) ? null : Quote.Trim();
    }
}
