using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Search;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Pickers;

/// <summary>
/// Cases by the words of their title, court case number and summary (the search index and its word index: each word
/// typed begins a word of the case, Khmer cut into words), joined to <c>db.Cases</c> so that the reader's visibility applies. The first
/// matches the database reaches are taken, then ordered by title: a picker shows ten, and more words narrow it.
/// </summary>
public sealed class CaseFinder(HabeasDb db) : IRecordFinder
{
    public string Kind => "case";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }
        var found = await db
            .Cases.AsNoTracking()
            .Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Title,
                c.CourtCaseNumber,
            })
            .ToDictionaryAsync(c => c.Id, c => Label(c.Title, c.CourtCaseNumber), cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => new PickerOption(id, found[id])).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var words = PickerWords.Of(query);
        if (words.Count == 0)
        {
            return [];
        }
        var ids = await SearchWordIndex.RecordIdsAsync(db, "case", words, cancellationToken);
        var found = await (
            from id in ids
            join c in db.Cases on id equals c.Id
            select new
            {
                c.Id,
                c.Title,
                c.CourtCaseNumber,
            }
        )
            .AsNoTracking()
            .Take(limit)
            .ToListAsync(cancellationToken);
        return found
            .OrderBy(c => c.Title, StringComparer.CurrentCulture)
            .ThenBy(c => c.Id)
            .Select(c => new PickerOption(c.Id, Label(c.Title, c.CourtCaseNumber)))
            .ToList();
    }

    private static string Label(string title, string? number) => number is null ? title : $"{title} ({number})";
}

/// <summary>Sources by the words of their title, publisher, author and excerpt, as <see cref="CaseFinder"/> finds cases.</summary>
public sealed class SourceFinder(HabeasDb db) : IRecordFinder
{
    public string Kind => "source";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }
        var found = await db
            .Sources.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.Title,
                s.Publisher,
            })
            .ToDictionaryAsync(s => s.Id, s => Label(s.Title, s.Publisher), cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => new PickerOption(id, found[id])).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var words = PickerWords.Of(query);
        if (words.Count == 0)
        {
            return [];
        }
        var ids = await SearchWordIndex.RecordIdsAsync(db, "source", words, cancellationToken);
        var found = await (
            from id in ids
            join s in db.Sources on id equals s.Id
            select new
            {
                s.Id,
                s.Title,
                s.Publisher,
            }
        )
            .AsNoTracking()
            .Take(limit)
            .ToListAsync(cancellationToken);
        return found
            .OrderBy(s => s.Title, StringComparer.CurrentCulture)
            .ThenBy(s => s.Id)
            .Select(s => new PickerOption(s.Id, Label(s.Title, s.Publisher)))
            .ToList();
    }

    private static string Label(string title, string? publisher) => publisher is null ? title : $"{title} — {publisher}";
}

/// <summary>People by any spelling of a name in any script (the name index: <see cref="PeopleSearch"/>), as the person
/// picker of the case and event forms finds them.</summary>
public sealed class PersonFinder(HabeasDb db, PeopleNameIndex index) : IRecordFinder
{
    public string Kind => "person";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var picker = await PersonPicker.BuildAsync(db, index, "", "", ids.ToList(), null, false, cancellationToken);
        return picker.Options.Select(o => new PickerOption(o.Id, o.Label)).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var hits = await PeopleSearch.SearchAsync(db, index, query.Trim(), limit, cancellationToken);
        return hits.Select(h => new PickerOption(
                h.Id,
                h.MatchedName == h.DisplayName ? h.DisplayName : $"{h.DisplayName} ({h.MatchedName})"
            ))
            .ToList();
    }
}

/// <summary>Places whose names hold the words typed (<see cref="PlaceDirectory"/>), labelled with the places above them.</summary>
public sealed class PlaceFinder(HabeasDb db) : IRecordFinder
{
    public string Kind => "place";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        return ids.Where(id => directory.Find(id) is not null).Select(id => new PickerOption(id, directory.FullName(id))).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var directory = await PlaceDirectory.LoadAsync(db, cancellationToken);
        return directory.Search(query).Take(limit).Select(e => new PickerOption(e.Id, directory.FullName(e.Id))).ToList();
    }
}

/// <summary>Organisations whose names or acronym hold the words typed (<see cref="OrganisationsApi.SearchAsync"/>).</summary>
public sealed class OrganisationFinder(HabeasDb db) : IRecordFinder
{
    public string Kind => "organisation";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => new PickerOption(id, Label(found[id]))).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken) =>
        (await OrganisationsApi.SearchAsync(db, query, cancellationToken))
            .Take(limit)
            .Select(o => new PickerOption(o.Id, Label(o)))
            .ToList();

    private static string Label(Organisation o) => o.Acronym is null ? o.Name : $"{o.Name} ({o.Acronym})";
}

/// <summary>Legal provisions by the words of their code, article and title, read whole and matched in memory: the laws a
/// group cites are a few thousand articles at most, whatever the number of people.</summary>
public sealed class ProvisionFinder(HabeasDb db) : IRecordFinder
{
    public string Kind => "provision";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = await db.LegalProvisions.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => new PickerOption(id, Label(found[id]))).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var words = PickerWords.Of(query);
        if (words.Count == 0)
        {
            return [];
        }
        return (await db.LegalProvisions.AsNoTracking().ToListAsync(cancellationToken))
            .Where(p => PickerWords.AllBegin(words, [p.Code, p.Article, p.CodeVersion, .. p.Title.Values]))
            .OrderBy(p => p.Code, StringComparer.CurrentCulture)
            .ThenBy(p => p.Article, StringComparer.CurrentCulture)
            .Take(limit)
            .Select(p => new PickerOption(p.Id, Label(p)))
            .ToList();
    }

    private static string Label(LegalProvision p) => p.Title.Count > 0 ? $"{p.Label} — {p.Title.Best()}" : p.Label;
}

/// <summary>The words of a picker's search.</summary>
internal static class PickerWords
{
    private const int MaxWords = 10;

    public static IReadOnlyList<string> Of(string? query) => SearchWords.Of(query).Take(MaxWords).ToList();

    /// <summary>Whether each word typed begins a word of one of <paramref name="texts"/> (the search's rule).</summary>
    public static bool AllBegin(IReadOnlyList<string> words, IEnumerable<string?> texts)
    {
        var stored = SearchWords.Stored(texts);
        return words.All(w => stored.Contains(" " + w, StringComparison.Ordinal));
    }
}
