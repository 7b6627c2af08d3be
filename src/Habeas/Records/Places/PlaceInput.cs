using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Places;

/// <summary>What a form or an API call may set on a place: its names (at least one language), its kind and the place it
/// is part of.</summary>
public sealed class PlaceInput
{
    /// <summary>The most levels above a place that are walked to find a cycle (country › province › district › commune
    /// › village is five); a longer chain is refused as if it were a cycle.</summary>
    public const int MaxDepth = 20;

    public Dictionary<string, string?> Names { get; set; } = [];
    public string? Kind { get; set; }
    public Guid? ParentId { get; set; }

    /// <summary>For a country: its ISO 3166-1 alpha-2 code ("KH"), two upper-case letters; optional.</summary>
    public string? Code { get; set; }
    public int? Version { get; set; }

    public static PlaceInput From(Place p) =>
        new()
        {
            Names = p.Names.ToDictionary(n => n.Key, n => (string?)n.Value),
            Kind = p.Kind,
            ParentId = p.ParentId,
            Code = p.Code,
            Version = p.Version,
        };

    /// <summary>Checks the input for the place <paramref name="id"/> (null for a new one): the parent must exist and
    /// must not be the place itself or one of the places inside it.</summary>
    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, Guid? id, CancellationToken cancellationToken)
    {
        var v = new Validation();
        GazetteerInput.CheckNames(v, Names);
        GazetteerInput.CheckKind(v, Kind, vocabularies, "place-kind");
        Habeas.Records.Deadlines.LimitInput.CheckCountry(v, "code", Code, "place.code", optional: true);
        if (ParentId is not { } parent)
        {
            return v;
        }
        if (!await db.Places.AnyAsync(p => p.Id == parent, cancellationToken))
        {
            v.Add("parentId", "places.error.noParent", parent);
            return v;
        }
        // Walk up from the chosen parent: meeting this place means the parent is inside it.
        Guid? current = parent;
        for (var depth = 0; current is { } step && depth <= MaxDepth; depth++)
        {
            if (step == id)
            {
                v.Add("parentId", "places.error.cycle");
                return v;
            }
            current = await db.Places.Where(p => p.Id == step).Select(p => p.ParentId).FirstOrDefaultAsync(cancellationToken);
            if (depth == MaxDepth && current is not null)
            {
                v.Add("parentId", "places.error.tooDeep", MaxDepth);
            }
        }
        return v;
    }

    public void ApplyTo(Place p)
    {
        p.Names = GazetteerInput.Names(Names);
        p.Kind = Kind!.Trim();
        p.ParentId = ParentId;
        p.Code = CodeValue;
    }

    /// <summary>The code as stored: trimmed, null when blank.</summary>
    public string? CodeValue => string.IsNullOrWhiteSpace(Code) ? null : Code.Trim();
}

/// <summary>The rules places and organisations share: names in several languages, a kind from a vocabulary.</summary>
public static class GazetteerInput
{
    public const int MaxNameLength = 300;

    /// <summary>The languages whose names the interface can say ("language.{tag}"); another tag is shown as it is.</summary>
    public static readonly IReadOnlyList<string> KnownLanguages = ["en", "km", "th"];

    /// <summary>"Name in Khmer": the label of a name in this language, in the reader's language.</summary>
    public static string NameLabel(Habeas.Platform.Localization.Texts texts, string language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.Format("gazetteer.nameIn", KnownLanguages.Contains(language) ? texts["language." + language] : language);
    }

    /// <summary>At least one name; each one line of at most <see cref="MaxNameLength"/> characters, under a language tag.</summary>
    public static void CheckNames(Validation v, Dictionary<string, string?> names)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(names);
        if (!InputLimits.CheckLanguages(v, "names", names))
        {
            return;
        }
        if (names.Values.All(string.IsNullOrWhiteSpace))
        {
            v.Add("names", "gazetteer.error.name");
        }
        foreach (var (language, text) in names)
        {
            if (text is not null && text.Length > MaxNameLength)
            {
                v.Add($"names.{language}", "gazetteer.error.nameLength", language, MaxNameLength, text.Length);
            }
            v.SingleLine($"names.{language}", text, "gazetteer.names");
        }
    }

    /// <summary>A kind is required and must be a code of the vocabulary.</summary>
    public static void CheckKind(Validation v, string? kind, Vocabularies vocabularies, string vocabulary)
    {
        ArgumentNullException.ThrowIfNull(v);
        ArgumentNullException.ThrowIfNull(vocabularies);
        if (string.IsNullOrWhiteSpace(kind))
        {
            v.Add("kind", "gazetteer.error.kindRequired");
        }
        else if (!vocabularies.IsValid(vocabulary, kind.Trim()))
        {
            v.Add("kind", "gazetteer.error.kind", kind, Problems.Terms(vocabularies, vocabulary));
        }
    }

    /// <summary>The names given, trimmed, without the blank ones.</summary>
    public static LocalizedText Names(Dictionary<string, string?> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new LocalizedText(
            names
                .Where(n => !string.IsNullOrWhiteSpace(n.Value))
                .ToDictionary(n => n.Key.Trim().ToLowerInvariant(), n => n.Value!.Trim(), StringComparer.OrdinalIgnoreCase)
        );
    }

    /// <summary>Whether any of the names (or the extra text, an acronym) holds the words searched for, ignoring case.</summary>
    public static bool Matches(LocalizedText names, string? q, string? extra = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (string.IsNullOrWhiteSpace(q))
        {
            return true;
        }
        var text = q.Trim();
        return names.Values.Any(n => n.Contains(text, StringComparison.CurrentCultureIgnoreCase))
            || (extra is not null && extra.Contains(text, StringComparison.CurrentCultureIgnoreCase));
    }
}
