using Habeas.Core.Dates;
using Habeas.Platform.Shared;
using Habeas.Records.Organisations;

namespace Habeas.Records.People;

public sealed class Person : IVersioned, Habeas.Platform.Access.IHasLevel, Habeas.Platform.Shared.IRetractable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Set when the record is retracted (Platform/Shared/IRetractable.cs); null while it stands.</summary>
    public DateTimeOffset? RetractedAt { get; set; }
    public string? RetractedBy { get; set; }
    public string? RetractionReason { get; set; }
    public int Version { get; set; }

    /// <summary>public, internal (the default) or restricted: see Access.RecordLevels.</summary>
    public string Level { get; set; } = Habeas.Platform.Access.RecordLevels.Internal;
    public string? Sex { get; set; }
    public FuzzyDate? BirthDate { get; set; }

    /// <summary>An age reported by a source at a date ("Long Sokunthy, 50"), when the birth date is unknown.</summary>
    public int? ReportedAge { get; set; }
    public FuzzyDate? ReportedAgeOn { get; set; }
    public string? Nationality { get; set; }
    public string? Ethnicity { get; set; }
    public string? Occupation { get; set; }
    public LocalizedText Biography { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set when this record was merged into another (Duplicates/Merging.cs): it is then hidden everywhere and
    /// its id resolves to the survivor, until the merge is undone.</summary>
    public Guid? MergedIntoId { get; set; }

    public List<PersonName> Names { get; set; } = [];
    public List<PersonTag> Tags { get; set; } = [];
    public List<Affiliation> Affiliations { get; set; } = [];

    public string RecordType => "person";

    /// <summary>The primary name, else the first name recorded.</summary>
    public string DisplayName =>
        (Names.OrderBy(n => n.Kind == NameKinds.Primary ? 0 : 1).ThenBy(n => n.SortOrder).FirstOrDefault()?.Text) ?? "";

    /// <summary>
    /// The name to show to a reader of <paramref name="language"/> (a page's language, a letter's, an email's), the one
    /// rule of every page, letter, dossier, feed, export column and email: a primary name or a romanization written in
    /// that language's script when the person has one (a primary name first); otherwise the primary name with its
    /// romanization in Latin script beside it ("ហេង សុភា (Heng Sophea)" for a Thai reader), or the primary name alone.
    /// </summary>
    public string NameFor(string language)
    {
        var script = NameScripts.Of(language);
        var inScript = Names
            .Where(n => n.Script == script && n.Kind is NameKinds.Primary or NameKinds.Romanization)
            .OrderBy(n => n.Kind == NameKinds.Primary ? 0 : 1)
            .ThenBy(n => n.SortOrder)
            .FirstOrDefault();
        if (inScript is not null)
        {
            return inScript.Text;
        }
        var primary = DisplayName;
        var romanized = Names
            .Where(n => n.Script == "Latn" && n.Kind is NameKinds.Primary or NameKinds.Romanization && n.Text != primary)
            .OrderBy(n => n.Kind == NameKinds.Primary ? 0 : 1)
            .ThenBy(n => n.SortOrder)
            .FirstOrDefault();
        return romanized is null || Names.Any(n => n.Text == primary && n.Script == "Latn") ? primary : $"{primary} ({romanized.Text})";
    }

    public object Snapshot() =>
        new
        {
            Level,
            MergedIntoId,
            Sex,
            BirthDate = BirthDate?.ToString(),
            ReportedAge,
            ReportedAgeOn = ReportedAgeOn?.ToString(),
            Nationality,
            Ethnicity,
            Occupation,
            Biography,
            Names = Names
                .OrderBy(n => n.SortOrder)
                .Select(n => new
                {
                    n.Text,
                    n.Script,
                    n.Kind,
                    n.FamilyName,
                    n.GivenName,
                    n.Language,
                }),
            Tags = Tags.Select(t => t.Tag).Order(StringComparer.Ordinal),
            Affiliations = Affiliations.Select(a => new
            {
                a.OrganisationId,
                a.Role,
                From = a.From?.ToString(),
                To = a.To?.ToString(),
            }),
        };
}

public sealed class PersonName : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public required string Text { get; set; }

    /// <summary>ISO 15924 script code, detected from the text (Khmr, Latn, Thai, …).</summary>
    public required string Script { get; set; }

    /// <summary>A code of the name-kind vocabulary (primary, alias, previous, romanization, …).</summary>
    public required string Kind { get; set; }
    public string? FamilyName { get; set; }
    public string? GivenName { get; set; }
    public string? Language { get; set; }
    public int SortOrder { get; set; }

    /// <summary>Lower-case, diacritics-free form used by list filtering.</summary>
    public string SearchText { get; set; } = "";

    public Guid OwnerId => PersonId;
    public Type OwnerType => typeof(Person);
}

public static class NameKinds
{
    public const string Primary = "primary";
    public const string Romanization = "romanization";
}

/// <summary>The script (ISO 15924) a language writes names in, for <see cref="Person.NameFor"/>.</summary>
public static class NameScripts
{
    public static string Of(string language) =>
        language switch
        {
            "km" => "Khmr",
            "th" => "Thai",
            "my" => "Mymr",
            "lo" => "Laoo",
            "ru" or "uk" or "be" or "bg" or "sr" or "kk" or "ky" or "mn" => "Cyrl",
            "ar" or "fa" or "ur" or "ps" => "Arab",
            "zh" => "Hani",
            "ja" => "Jpan",
            "ko" => "Kore",
            "he" => "Hebr",
            "el" => "Grek",
            "ka" => "Geor",
            "hy" => "Armn",
            "hi" or "ne" or "mr" => "Deva",
            "bn" => "Beng",
            "ta" => "Taml",
            "si" => "Sinh",
            "am" or "ti" => "Ethi",
            "bo" => "Tibt",
            _ => "Latn",
        };
}

public sealed class PersonTag : IRecordPart
{
    public Guid PersonId { get; set; }
    public required string Tag { get; set; }

    public Guid OwnerId => PersonId;
    public Type OwnerType => typeof(Person);
}

public sealed class Affiliation : IRecordPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? Role { get; set; }
    public FuzzyDate? From { get; set; }
    public FuzzyDate? To { get; set; }

    public Guid OwnerId => PersonId;
    public Type OwnerType => typeof(Person);
}
