using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Organisations;

/// <summary>What a form or an API call may set on an organisation: its names (at least one language), its kind, an
/// acronym and the place (a country, usually) it belongs to.</summary>
public sealed class OrganisationInput
{
    public const int MaxAcronymLength = 30;

    public Dictionary<string, string?> Names { get; set; } = [];
    public string? Kind { get; set; }
    public string? Acronym { get; set; }
    public Guid? CountryId { get; set; }
    public int? Version { get; set; }

    public static OrganisationInput From(Organisation o) =>
        new()
        {
            Names = o.Names.ToDictionary(n => n.Key, n => (string?)n.Value),
            Kind = o.Kind,
            Acronym = o.Acronym,
            CountryId = o.CountryId,
            Version = o.Version,
        };

    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, CancellationToken cancellationToken)
    {
        var v = new Validation();
        GazetteerInput.CheckNames(v, Names);
        GazetteerInput.CheckKind(v, Kind, vocabularies, "organisation-kind");
        if (Acronym is not null && Acronym.Trim().Length > MaxAcronymLength)
        {
            v.Add("acronym", "organisations.error.acronym", MaxAcronymLength, Acronym.Trim().Length);
        }
        v.SingleLine("acronym", Acronym, "field.acronym");
        if (CountryId is { } place && !await db.Places.AnyAsync(p => p.Id == place, cancellationToken))
        {
            v.Add("countryId", "organisations.error.noPlace", place);
        }
        return v;
    }

    public void ApplyTo(Organisation o)
    {
        o.Names = GazetteerInput.Names(Names);
        o.Kind = Kind!.Trim();
        o.Acronym = string.IsNullOrWhiteSpace(Acronym) ? null : Acronym.Trim();
        o.CountryId = CountryId;
    }
}
