using Habeas.Campaigns.Actions;
using Habeas.Core.Campaigns;
using Habeas.Core.Dates;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;

namespace Habeas.Campaigns.Stories;

/// <summary>A success story as written (PUT /api/v1/actions/{id}/story, and the form on /actions/{id}/story). Quotes and
/// media are the whole list: those left out are removed.</summary>
public sealed class StoryInput
{
    /// <summary>The languages a story is written in: English, Khmer and Thai.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "km", "th"];

    public int? Version { get; set; }
    public Dictionary<string, string?> Title { get; set; } = [];
    public Dictionary<string, string?> Text { get; set; } = [];
    public List<QuoteInput> Quotes { get; set; } = [];
    public List<MediaInput> Media { get; set; } = [];

    public sealed class QuoteInput
    {
        public string? Words { get; set; }
        public string? Speaker { get; set; }
        public string? SaidOn { get; set; }
        public string? PublishedIn { get; set; }
        public bool Consent { get; set; }
        public string? ConsentBy { get; set; }

        /// <summary>On the form: take this quote out.</summary>
        public bool Remove { get; set; }

        public bool IsBlank =>
            string.IsNullOrWhiteSpace(Words)
            && string.IsNullOrWhiteSpace(Speaker)
            && string.IsNullOrWhiteSpace(SaidOn)
            && string.IsNullOrWhiteSpace(PublishedIn)
            && string.IsNullOrWhiteSpace(ConsentBy)
            && !Consent;
    }

    public sealed class MediaInput
    {
        public Guid? FileId { get; set; }
        public string? Caption { get; set; }
        public string? Credit { get; set; }
        public bool Consent { get; set; }
        public string? ConsentBy { get; set; }
        public bool Remove { get; set; }
    }

    public static StoryInput From(Story s) =>
        new()
        {
            Version = s.Version,
            Title = s.Title.ToDictionary(t => t.Key, t => (string?)t.Value),
            Text = s.Text.ToDictionary(t => t.Key, t => (string?)t.Value),
            Quotes = s
                .Quotes.OrderBy(q => q.Position)
                .Select(q => new QuoteInput
                {
                    Words = q.Words,
                    Speaker = q.Speaker,
                    SaidOn = q.SaidOn?.ToString(),
                    PublishedIn = q.PublishedIn,
                    Consent = q.Consent,
                    ConsentBy = q.ConsentBy,
                })
                .ToList(),
            Media = s
                .Media.OrderBy(m => m.Position)
                .Select(m => new MediaInput
                {
                    FileId = m.FileId,
                    Caption = m.Caption,
                    Credit = m.Credit,
                    Consent = m.Consent,
                    ConsentBy = m.ConsentBy,
                })
                .ToList(),
        };

    /// <summary>Why this story may not be written now by this reader (409 or 403), or null.</summary>
    /// <summary>Why this story may not be written now by this reader (409 or 403, and the text key of the reason), or null.</summary>
    public static (int Status, string Key)? Refusal(CampaignAction action, Story? story, Habeas.Platform.Access.Viewer viewer)
    {
        if (action.Status != ActionLifecycle.Closed)
        {
            return (409, "stories.notClosed");
        }
        if (story is { Published: true } && !viewer.MayPublish)
        {
            return (403, "stories.publishedLocked");
        }
        return null;
    }

    public async Task<Validation> ValidateAsync(HabeasDb db, CampaignAction action, CancellationToken cancellationToken)
    {
        var v = new Validation();
        CheckTexts(v, "title", Title, 400);
        CheckTexts(v, "text", Text, 20_000);
        if (!Title.Values.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            v.Add("title", "stories.error.titleRequired");
        }
        var quotesCounted = v.Count("quotes", Quotes.Count, InputLimits.StoryQuotes);
        for (var i = 0; quotesCounted && i < Quotes.Count; i++)
        {
            var q = Quotes[i];
            if (string.IsNullOrWhiteSpace(q.Words))
            {
                v.Add($"quotes[{i}].words", "stories.error.wordsRequired");
            }
            v.MaxLength($"quotes[{i}].words", q.Words, 4000, "stories.words");
            v.Line($"quotes[{i}].speaker", q.Speaker, 400, "stories.speaker");
            v.Line($"quotes[{i}].publishedIn", q.PublishedIn, 400, "stories.publishedIn");
            v.Date($"quotes[{i}].saidOn", q.SaidOn, "stories.saidOn");
            CheckConsent(v, $"quotes[{i}]", q.Consent, q.ConsentBy);
        }
        if (!v.Count("media", Media.Count, InputLimits.StoryMedia))
        {
            return v;
        }
        var ids = Media.Where(m => m.FileId is not null).Select(m => m.FileId!.Value).ToList();
        var files = (await Habeas.Campaigns.Actions.ActionAccess.OfActionAsync(db, action.Id, ids, cancellationToken)).ToDictionary(f =>
            f.Id
        );
        for (var i = 0; i < Media.Count; i++)
        {
            var m = Media[i];
            if (m.FileId is not { } fileId || !files.TryGetValue(fileId, out var file))
            {
                v.Add($"media[{i}].fileId", "campaigns.error.noFile", m.FileId, action.Code);
            }
            else if (!file.IsImage)
            {
                v.Add($"media[{i}].fileId", "stories.imageOnly", file.OriginalName);
            }
            if (string.IsNullOrWhiteSpace(m.Credit))
            {
                v.Add($"media[{i}].credit", "stories.creditRequired");
            }
            v.Line($"media[{i}].credit", m.Credit, 400, "stories.credit");
            v.MaxLength($"media[{i}].caption", m.Caption, 1000, "stories.caption");
            CheckConsent(v, $"media[{i}]", m.Consent, m.ConsentBy);
        }
        return v;
    }

    private static void CheckTexts(Validation v, string field, Dictionary<string, string?> texts, int max)
    {
        if (!InputLimits.CheckLanguages(v, field, texts))
        {
            return;
        }
        foreach (var (language, text) in texts)
        {
            if (!Languages.Contains(language))
            {
                v.Add($"{field}.{language}", "stories.error.language", language, string.Join(", ", Languages));
            }
            v.MaxLength($"{field}.{language}", text, max, field == "title" ? "stories.titleField" : "stories.text");
            if (field == "title")
            {
                v.SingleLine($"{field}.{language}", text, "stories.titleField");
            }
        }
    }

    private static void CheckConsent(Validation v, string prefix, bool consent, string? consentBy)
    {
        if (consent && string.IsNullOrWhiteSpace(consentBy))
        {
            v.Add($"{prefix}.consentBy", "stories.consentByRequired");
        }
        v.Line($"{prefix}.consentBy", consentBy, 200, "stories.consentBy");
    }

    public void ApplyTo(Story story)
    {
        story.Title = Texts(Title);
        story.Text = Texts(Text);
        story.Quotes.Clear();
        story.Quotes.AddRange(
            Quotes.Select(
                (q, i) =>
                    new StoryQuote
                    {
                        StoryId = story.Id,
                        Position = i,
                        Words = q.Words!.Trim(),
                        Speaker = Clean(q.Speaker),
                        SaidOn = Clean(q.SaidOn) is { } d ? FuzzyDate.Parse(d) : null,
                        PublishedIn = Clean(q.PublishedIn),
                        Consent = q.Consent,
                        ConsentBy = q.Consent ? Clean(q.ConsentBy) : null,
                    }
            )
        );
        story.Media.Clear();
        story.Media.AddRange(
            Media.Select(
                (m, i) =>
                    new StoryMedia
                    {
                        StoryId = story.Id,
                        Position = i,
                        FileId = m.FileId!.Value,
                        Caption = Clean(m.Caption),
                        Credit = m.Credit!.Trim(),
                        Consent = m.Consent,
                        ConsentBy = m.Consent ? Clean(m.ConsentBy) : null,
                    }
            )
        );
    }

    private static LocalizedText Texts(Dictionary<string, string?> texts) =>
        new(texts.Where(t => !string.IsNullOrWhiteSpace(t.Value)).ToDictionary(t => t.Key, t => t.Value!.Trim()));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
