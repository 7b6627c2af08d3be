using Habeas.Core.Dates;
using Habeas.Platform.Shared;

namespace Habeas.Campaigns.Stories;

/// <summary>
/// The success story of an action closed with an outcome: a title and text per language (en, km, th), quotes and media.
/// Campaigners draft it; a coordinator or administrator publishes it, and only then does /stories/{id} show it to
/// anyone, with only what is public (<see cref="PublicStory"/>): quotes and media without recorded consent never.
/// </summary>
public sealed class Story : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public int Version { get; set; }

    /// <summary>One story per action.</summary>
    public Guid ActionId { get; set; }
    public LocalizedText Title { get; set; } = new();
    public LocalizedText Text { get; set; } = new();
    public bool Published { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<StoryQuote> Quotes { get; set; } = [];
    public List<StoryMedia> Media { get; set; } = [];

    public string RecordType => "story";

    public object Snapshot() =>
        new
        {
            ActionId,
            Title,
            Text,
            Published,
            PublishedAt,
            PublishedBy,
            Quotes = Quotes
                .OrderBy(q => q.Position)
                .Select(q => new
                {
                    q.Words,
                    q.Speaker,
                    SaidOn = q.SaidOn?.ToString(),
                    q.PublishedIn,
                    q.Consent,
                    q.ConsentBy,
                }),
            Media = Media
                .OrderBy(m => m.Position)
                .Select(m => new
                {
                    m.FileId,
                    m.Caption,
                    m.Credit,
                    m.Consent,
                    m.ConsentBy,
                }),
        };
}

/// <summary>Words someone said ("I would like to express my deepest gratitude…"), who, when, where they were published,
/// and whether they agreed to their publication (and who recorded that).</summary>
public sealed class StoryQuote : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StoryId { get; set; }
    public int Position { get; set; }
    public required string Words { get; set; }
    public string? Speaker { get; set; }
    public FuzzyDate? SaidOn { get; set; }
    public string? PublishedIn { get; set; }
    public bool Consent { get; set; }

    /// <summary>Who recorded the consent (the campaigner who asked), when consent is given.</summary>
    public string? ConsentBy { get; set; }

    public Guid OwnerId => StoryId;
    public Type OwnerType => typeof(Story);
}

/// <summary>An image of the story (an uploaded stored file), its caption and credit, and the consent to publish it.</summary>
public sealed class StoryMedia : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StoryId { get; set; }
    public int Position { get; set; }
    public Guid FileId { get; set; }
    public Habeas.Records.Files.StoredFile? File { get; set; }
    public string? Caption { get; set; }
    public required string Credit { get; set; }
    public bool Consent { get; set; }
    public string? ConsentBy { get; set; }

    public Guid OwnerId => StoryId;
    public Type OwnerType => typeof(Story);
}
