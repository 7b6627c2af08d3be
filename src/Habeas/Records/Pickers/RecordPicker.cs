namespace Habeas.Records.Pickers;

/// <summary>
/// A case or a source (or several) chosen by a search step instead of a list of every record: the current choice, and
/// after "find" at most <see cref="MaxOptions"/> records whose words begin with the words typed, among those the reader
/// may see (the search goes through the record sets, whose filters decide), as radio buttons (one) or check boxes
/// (several, no Ctrl-click). "Find" posts the form back with everything typed kept (<c>_RecordPicker.cshtml</c>);
/// <c>/js/picker.js</c> fills the same choices as one types, from <c>/pickers/{kind}</c>.
/// </summary>
/// <param name="Kind">case or source: the texts (<c>pickers.{kind}.*</c>) and the typeahead's address.</param>
/// <param name="Field">The form field the chosen ids are posted as ("Input.CaseId").</param>
/// <param name="QueryField">The form field of the words to find ("CaseQuery").</param>
/// <param name="Query">The words typed.</param>
/// <param name="Chosen">The records chosen that the reader may see.</param>
/// <param name="Multiple">Several (check boxes) or one (radio buttons, with "none").</param>
/// <param name="Options">The choices first, then what was found.</param>
/// <param name="Found">How many were found (at most <see cref="MaxOptions"/> + 1: more means "type more"), null when nothing was looked for.</param>
public sealed record RecordPicker(
    string Kind,
    string Field,
    string QueryField,
    string? Query,
    IReadOnlyList<Guid> Chosen,
    bool Multiple,
    IReadOnlyList<PickerOption> Options,
    int? Found
)
{
    /// <summary>The most records a search step offers (the choices already made come on top).</summary>
    public const int MaxOptions = 10;

    /// <summary>The picker of one field; <paramref name="find"/> when the reader asked to find <paramref name="query"/>.</summary>
    public static async Task<RecordPicker> BuildAsync(
        IRecordFinder finder,
        string field,
        string queryField,
        IReadOnlyCollection<Guid> chosen,
        string? query,
        bool find,
        CancellationToken cancellationToken,
        bool multiple = false
    )
    {
        ArgumentNullException.ThrowIfNull(finder);
        ArgumentNullException.ThrowIfNull(chosen);
        var options = (await finder.LabelsAsync(chosen.Distinct().ToList(), cancellationToken)).ToList();
        var chosenVisible = options.Select(o => o.Id).ToList();
        int? found = null;
        if (find && !string.IsNullOrWhiteSpace(query))
        {
            var hits = await finder.FindAsync(query, MaxOptions + 1, cancellationToken);
            found = hits.Count;
            options.AddRange(hits.Take(MaxOptions).Where(h => !chosenVisible.Contains(h.Id)));
        }
        return new RecordPicker(finder.Kind, field, queryField, query, chosenVisible, multiple, options, found);
    }
}

/// <summary>One choice of a picker: the record's id and how it is shown.</summary>
public sealed record PickerOption(Guid Id, string Label);

/// <summary>Finds one kind of record for a picker, through the record sets (so the reader's visibility applies).</summary>
public interface IRecordFinder
{
    /// <summary>case, source, person, place or organisation.</summary>
    string Kind { get; }

    /// <summary>The labels of these records, in the order given, leaving out those the reader may not see.</summary>
    Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken);

    /// <summary>At most <paramref name="limit"/> records matching <paramref name="query"/>.</summary>
    Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken);
}
