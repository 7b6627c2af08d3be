using System.Text.RegularExpressions;
using Habeas.Core.Deadlines;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Deadlines;

/// <summary>What an administrator may set on a legal time limit (/admin/time-limits, PUT /api/v1/time-limits/{id}).
/// The code, country, kind and class say which cases it applies to; they are set when the limit is added.</summary>
public sealed partial class LimitInput
{
    public const int MaxMonths = 120;
    public const int MaxDays = 366;
    public const int MaxLine = 300;
    public const int MaxCode = 80;
    public const int MaxNote = 2000;
    public const int MaxUrl = 2000;

    public string? Code { get; set; }
    public string? Country { get; set; }
    public string? Kind { get; set; }
    public string? OffenceClass { get; set; }
    public int? Months { get; set; }
    public int? Days { get; set; }
    public string? Law { get; set; }
    public string? Article { get; set; }
    public string? CodeVersion { get; set; }
    public bool Verified { get; set; }
    public string? SourceUrl { get; set; }
    public string? Note { get; set; }
    public int? Version { get; set; }

    public static LimitInput From(LegalTimeLimit l) =>
        new()
        {
            Code = l.Code,
            Country = l.Country,
            Kind = l.Kind,
            OffenceClass = l.OffenceClass,
            Months = l.Months,
            Days = l.Days,
            Law = l.Law,
            Article = l.Article,
            CodeVersion = l.CodeVersion,
            Verified = l.Verified,
            SourceUrl = l.SourceUrl,
            Note = l.Note,
            Version = l.Version,
        };

    /// <summary>Checks the input for the limit <paramref name="id"/>, or for a new one (null): only a new one's code,
    /// country, kind and class are read.</summary>
    public async Task<Validation> ValidateAsync(HabeasDb db, Guid? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var v = new Validation();
        if (id is null)
        {
            var code = Code?.Trim() ?? "";
            if (code.Length == 0 || code.Length > MaxCode || !CodePattern().IsMatch(code))
            {
                v.Add("code", "timeLimits.error.code", MaxCode);
            }
            else if (await db.TimeLimits.AnyAsync(l => l.Code == code, cancellationToken))
            {
                v.Add("code", "timeLimits.error.codeTaken", code);
            }
            CheckCountry(v, "country", Country, "field.country");
            if (string.IsNullOrWhiteSpace(Kind) || !TimeLimitKinds.All.Contains(Kind.Trim()))
            {
                var allowed = string.Join(", ", TimeLimitKinds.All);
                v.Add("kind", "timeLimits.error.kind", allowed);
            }
            if (!string.IsNullOrWhiteSpace(OffenceClass) && !OffenceClasses.All.Contains(OffenceClass.Trim()))
            {
                v.Add("offenceClass", "timeLimits.error.offenceClass");
            }
        }
        if (Months is null || Months < 0 || Months > MaxMonths)
        {
            v.Add("months", "timeLimits.error.months", MaxMonths);
        }
        if (Days is null || Days < 0 || Days > MaxDays)
        {
            v.Add("days", "timeLimits.error.days", MaxDays);
        }
        if (Months == 0 && Days == 0)
        {
            v.Add("months", "timeLimits.error.zero");
        }
        Text(v, "law", Law, "field.law", "timeLimits.error.law");
        Text(v, "article", Article, "field.article", "timeLimits.error.article");
        Text(v, "codeVersion", CodeVersion, "field.codeVersion", "timeLimits.error.codeVersion");
        if (!string.IsNullOrWhiteSpace(SourceUrl))
        {
            var url = SourceUrl.Trim();
            if (
                url.Length > MaxUrl
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            )
            {
                v.Add("sourceUrl", "timeLimits.error.sourceUrl");
            }
            v.SingleLine("sourceUrl", SourceUrl, "field.sourceUrl");
        }
        if (Note is not null && Note.Length > MaxNote)
        {
            v.Add("note", "timeLimits.error.note", MaxNote, Note.Length);
        }
        v.MultiLine("note", Note, "field.note");
        return v;
    }

    /// <summary>An ISO 3166-1 alpha-2 code: two upper-case ASCII letters (KH, TH).</summary>
    public static bool IsCountryCode(string? value) => value is { Length: 2 } && value.All(char.IsAsciiLetterUpper);

    /// <summary>Refuses a value that is not two upper-case ASCII letters; <paramref name="optional"/> lets it be empty.
    /// <paramref name="label"/> is the text key of the field's name.</summary>
    public static void CheckCountry(Validation v, string field, string? value, string label, bool optional = false)
    {
        ArgumentNullException.ThrowIfNull(v);
        if (optional && string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        if (!IsCountryCode(value?.Trim()))
        {
            v.Add(field, "timeLimits.error.country", new Validation.Label(label));
        }
    }

    private static void Text(Validation v, string field, string? value, string label, string key)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length > MaxLine)
        {
            v.Add(field, key, MaxLine);
        }
        v.SingleLine(field, value, label);
    }

    /// <summary>Sets the fields (a new limit's identity too, <paramref name="isNew"/>).</summary>
    public void ApplyTo(LegalTimeLimit l, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (isNew)
        {
            l.Code = Code!.Trim();
            l.Country = Country!.Trim();
            l.Kind = Kind!.Trim();
            l.OffenceClass = string.IsNullOrWhiteSpace(OffenceClass) ? null : OffenceClass.Trim();
        }
        l.Months = Months ?? 0;
        l.Days = Days ?? 0;
        l.Law = Law!.Trim();
        l.Article = Article!.Trim();
        l.CodeVersion = CodeVersion!.Trim();
        l.Verified = Verified;
        l.SourceUrl = string.IsNullOrWhiteSpace(SourceUrl) ? null : SourceUrl.Trim();
        l.Note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
