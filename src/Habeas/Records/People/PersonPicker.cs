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
    Guid? Selected,
    IReadOnlyList<PersonPicker.Option> Options,
    int? Found
)
{
    public const int MaxOptions = 10;

    public sealed record Option(Guid Id, string Label);

    /// <summary>The picker of one field: <c>find</c> says whether the reader asked to find <c>query</c> (else the query
    /// is only kept in its box).</summary>
    public static async Task<PersonPicker> BuildAsync(
        HabeasDb db,
        PeopleNameIndex index,
        string field,
        string queryField,
        Guid? selected,
        string? query,
        bool find,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var options = new List<Option>();
        if (selected is { } id)
        {
            // Only a person the reader may see is named (the query filter decides); anyone else is not offered.
            var names = await db
                .People.Where(p => p.Id == id)
                .SelectMany(p => p.Names)
                .OrderBy(n => n.Kind == NameKinds.Primary ? 0 : 1)
                .ThenBy(n => n.SortOrder)
                .Select(n => n.Text)
                .FirstOrDefaultAsync(cancellationToken);
            if (names is not null)
            {
                options.Add(new Option(id, names));
            }
        }
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
        return new PersonPicker(field, queryField, query, options.Any(o => o.Id == selected) ? selected : null, options, found);
    }
}
