namespace Habeas.Records.Places;

/// <summary>
/// Choosing a place without a list of every place: the current choice, and after a "find" (a form post that shows the
/// same form again, everything typed kept) at most <see cref="PlaceDirectory.PageSize"/> places whose names hold the
/// words typed, as radio buttons. Works without JavaScript.
/// </summary>
/// <param name="Field">The form field the chosen id is posted as ("Input.ParentId").</param>
/// <param name="QueryField">The form field of the words to find ("ParentQuery").</param>
/// <param name="Legend">The key of the fieldset's legend.</param>
/// <param name="Query">The words typed.</param>
/// <param name="Selected">The place chosen, if any.</param>
/// <param name="Options">The current choice first (when there is one), then what was found.</param>
/// <param name="Found">How many places hold the words (null when nothing was looked for).</param>
/// <param name="KindVocabulary">The vocabulary the options' kinds are labelled from (organisations use the same picker).</param>
/// <param name="Texts">The prefix of the picker's texts ("places.find", "organisations.find").</param>
/// <param name="FindField">In a GET form (a search's filters), the name of the field its "find" button sends instead of
/// posting to the Find handler.</param>
public sealed record PlacePicker(
    string Field,
    string QueryField,
    string Legend,
    string? Query,
    Guid? Selected,
    IReadOnlyList<PlacePicker.Option> Options,
    int? Found,
    string KindVocabulary = "place-kind",
    string Texts = "places",
    string? FindField = null
)
{
    public sealed record Option(Guid Id, string Label, string Kind);

    /// <summary>The picker for a place chosen (or none) and the words typed; <paramref name="find"/> when they were
    /// asked for. <paramref name="exclude"/> (the place being edited) is never offered.</summary>
    public static PlacePicker Build(
        PlaceDirectory directory,
        string field,
        string queryField,
        string legend,
        Guid? selected,
        string? query,
        bool find,
        Guid? exclude = null
    )
    {
        ArgumentNullException.ThrowIfNull(directory);
        var options = new List<Option>();
        if (directory.Find(selected) is { } current)
        {
            options.Add(new Option(current.Id, directory.FullName(current.Id), current.Kind));
        }
        int? found = null;
        if (find)
        {
            var matches = directory.Search(query).Where(e => e.Id != exclude && e.Id != selected).ToList();
            found = matches.Count;
            options.AddRange(
                matches.Take(PlaceDirectory.PageSize - options.Count).Select(e => new Option(e.Id, directory.FullName(e.Id), e.Kind))
            );
        }
        return new PlacePicker(field, queryField, legend, query, directory.Find(selected)?.Id, options, found);
    }
}
