using Habeas.Platform.Storage;
using Habeas.Records.Search;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>
/// A person chosen by a search step instead of a list of everyone (which a form cannot send at a million people): the
/// current choice, and after "find" the best matches of the name index (any spelling, any script) among the people the
/// reader may see, at most <see cref="MaxOptions"/>, as radio buttons. Works without JavaScript: "find" posts the form
/// back with everything typed kept (<c>_PersonPicker.cshtml</c>).
/// </summary>
public sealed record PersonPicker(
    string Field,
    string QueryField,
    string? Query,
    IReadOnlyList<Guid> Chosen,
    bool Multiple,
    IReadOnlyList<PersonPicker.Option> Options,
    int? Found
)
{
    public const int MaxOptions = 10;

    public sealed record Option(Guid Id, string Label);

    /// <summary>The picker of one field: one person (radio buttons) or several (<c>multiple</c>: check boxes, no
    /// Ctrl-click). <c>find</c> says whether the reader asked to find <c>query</c> (else the query is only kept in its
    /// box).</summary>
    public static async Task<PersonPicker> BuildAsync(
        HabeasDb db,
        PeopleNameIndex index,
        string field,
        string queryField,
        IReadOnlyCollection<Guid> chosen,
        string? query,
        bool find,
        CancellationToken cancellationToken,
        bool multiple = false
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(chosen);
        var ids = chosen.Distinct().ToList();
        // Only people the reader may see are named (the query filter decides); anyone else is not offered.
        var names = ids.Count == 0 ? [] : (
                    await db
                        .People.Where(p => ids.Contains(p.Id))
                        .SelectMany(p => p.Names)
                        .Select(n => new
                        {
                            n.PersonId,
                            n.Text,
                            Primary = n.Kind == NameKinds.Primary,
                            n.SortOrder,
                        })
                        .ToListAsync(cancellationToken)
                ).GroupBy(n => n.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(n => n.Primary).ThenBy(n => n.SortOrder).First().Text);
        var options = ids.Where(names.ContainsKey).Select(id => new Option(id, names[id])).ToList();
        int? found = null;
        if (find && !string.IsNullOrWhiteSpace(query))
        {
            var hits = await PeopleSearch.SearchAsync(db, index, query.Trim(), MaxOptions, cancellationToken);
            found = hits.Count;
            options.AddRange(
                hits.Where(h => options.All(o => o.Id != h.Id))
                    .Select(h => new Option(h.Id, h.MatchedName == h.DisplayName ? h.DisplayName : $"{h.DisplayName} ({h.MatchedName})"))
            );
        }
        return new PersonPicker(field, queryField, query, ids.Where(names.ContainsKey).ToList(), multiple, options, found);
    }
}
