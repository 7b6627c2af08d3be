using Habeas.Platform.Storage;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Organisations;

/// <summary>Choosing an organisation by a search step, without a list of every organisation: the same picker as places
/// (<see cref="PlacePicker"/>, at most <see cref="PlaceDirectory.PageSize"/> radio options, no JavaScript).</summary>
public static class OrganisationPicker
{
    /// <summary>The check every form that picks an organisation makes (designations, affiliations): one is chosen, and it exists
    /// for the reader. <paramref name="requiredKey"/> says what the organisation is for;
    /// <paramref name="unknownKey"/> is the text of "there is no organisation with id {0}".</summary>
    public static async Task CheckChosenAsync(
        Habeas.Platform.Api.Validation validation,
        HabeasDb db,
        Guid? organisationId,
        string requiredKey,
        string unknownKey,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(db);
        if (organisationId is not { } organisation)
        {
            validation.Add("organisationId", requiredKey);
        }
        else if (!await db.Organisations.AnyAsync(o => o.Id == organisation, cancellationToken))
        {
            validation.Add("organisationId", unknownKey, organisation);
        }
    }

    /// <summary>The picker for the organisation chosen (or none) and the words typed; <paramref name="find"/> when they
    /// were asked for.</summary>
    public static async Task<PlacePicker> BuildAsync(
        HabeasDb db,
        string field,
        string queryField,
        string legend,
        Guid? selected,
        string? query,
        bool find,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        var options = new List<PlacePicker.Option>();
        var current = selected is { } id
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken)
            : null;
        if (current is not null)
        {
            options.Add(new PlacePicker.Option(current.Id, Label(current), current.Kind));
        }
        int? found = null;
        if (find)
        {
            var matches = (await OrganisationsApi.SearchAsync(db, query, cancellationToken)).Where(o => o.Id != current?.Id).ToList();
            found = matches.Count;
            options.AddRange(
                matches.Take(PlaceDirectory.PageSize - options.Count).Select(o => new PlacePicker.Option(o.Id, Label(o), o.Kind))
            );
        }
        return new PlacePicker(field, queryField, legend, query, current?.Id, options, found, "organisation-kind", "organisations");
    }

    private static string Label(Organisation o) => o.Acronym is null ? o.Name : $"{o.Name} ({o.Acronym})";
}
