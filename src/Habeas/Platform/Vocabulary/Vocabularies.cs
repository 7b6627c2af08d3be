using System.Collections.Frozen;
using System.Text.Json;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Vocabulary;

/// <summary>
/// The controlled vocabularies: the terms shipped in Vocabulary/terms.json are added to the database at
/// start when missing (an organisation's own terms and edited labels are kept). Pages and the API read
/// the terms from the database through this cache.
/// </summary>
public sealed class Vocabularies(IServiceScopeFactory scopes)
{
    private static readonly JsonSerializerOptions ShippedJson = new(JsonSerializerDefaults.Web);

    private FrozenDictionary<string, IReadOnlyList<VocabularyTerm>>? _terms;

    public static IReadOnlyList<VocabularyTerm> Shipped()
    {
        using var stream = typeof(Vocabularies).Assembly.GetManifestResourceStream("vocabulary/terms.json")
            ?? throw new InvalidOperationException("terms.json is not embedded.");
        var document = JsonSerializer.Deserialize<Dictionary<string, List<ShippedTerm>>>(stream, ShippedJson)
            ?? throw new InvalidOperationException("terms.json is empty.");
        return document
            .SelectMany(v =>
                v.Value.Select(
                    (t, i) =>
                        new VocabularyTerm
                        {
                            Vocabulary = v.Key,
                            Code = t.Code,
                            Labels = new LocalizedText(t.Labels),
                            SortOrder = i,
                        }
                )
            )
            .ToList();
    }

    /// <summary>Adds the shipped terms the database lacks.</summary>
    public static async Task<int> SeedAsync(HabeasDb db, CancellationToken cancellationToken = default)
    {
        var existing = (await db.VocabularyTerms.Select(t => new { t.Vocabulary, t.Code }).ToListAsync(cancellationToken))
            .Select(t => (t.Vocabulary, t.Code))
            .ToHashSet();
        var missing = Shipped().Where(t => !existing.Contains((t.Vocabulary, t.Code))).ToList();
        db.VocabularyTerms.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }

    public IReadOnlyList<VocabularyTerm> Terms(string vocabulary)
    {
        var terms = _terms ??= LoadAll();
        return terms.TryGetValue(vocabulary, out var list) ? list : [];
    }

    public bool IsValid(string vocabulary, string? code) => code is not null && Terms(vocabulary).Any(t => t.Code == code);

    /// <summary>
    /// The label of a code in the current interface language: the term's own label in that language (an organisation's
    /// edit included), else the translation of a shipped term in the language's PO file ("term.{vocabulary}.{code}", so a
    /// language added as a file labels the vocabularies too), else English; the code itself when unknown.
    /// </summary>
    public string Label(string vocabulary, string? code)
    {
        if (code is null)
        {
            return "";
        }
        var term = Terms(vocabulary).FirstOrDefault(t => t.Code == code);
        var language = Localization.Texts.CurrentLanguage;
        if (term is not null && !term.Labels.ContainsKey(language) && ShippedLabel(language, vocabulary, code) is { } shipped)
        {
            return shipped;
        }
        return term?.Labels.Best() is { Length: > 0 } label ? label : code;
    }

    /// <summary>A shipped term's label in a language's PO file, or null.</summary>
    public static string? ShippedLabel(string language, string vocabulary, string code) =>
        Localization.Texts.CatalogOf(language).Language == language
        && Localization.Texts.CatalogOf(language).Strings.TryGetValue($"term.{vocabulary}.{code}", out var label)
            ? label
            : null;

    public void Invalidate() => _terms = null;

    private FrozenDictionary<string, IReadOnlyList<VocabularyTerm>> LoadAll()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
        return db
            .VocabularyTerms.AsNoTracking()
            .ToList()
            .GroupBy(t => t.Vocabulary)
            .ToFrozenDictionary(
                g => g.Key,
                g => (IReadOnlyList<VocabularyTerm>)g.OrderBy(t => t.SortOrder).ThenBy(t => t.Code, StringComparer.Ordinal).ToList()
            );
    }

    private sealed record ShippedTerm(string Code, Dictionary<string, string> Labels);
}
