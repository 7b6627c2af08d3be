using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Records.Organisations;

namespace Habeas.Records.People;

/// <summary>What a form or an API call may set on an affiliation (a person's membership of, or post in, an organisation: a
/// party, a union, an NGO, a newspaper): the organisation, the role, and from when to when. An affiliation is part of its
/// person, so <see cref="Version"/> is the person's: an edit is a new version of the person, with its history and audit
/// entry.</summary>
public sealed class AffiliationInput
{
    public const int MaxRoleLength = 200;

    public Guid? OrganisationId { get; set; }
    public string? Role { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }

    /// <summary>The version of the person read.</summary>
    public int? Version { get; set; }

    public static AffiliationInput Of(Affiliation a, int personVersion) =>
        new()
        {
            OrganisationId = a.OrganisationId,
            Role = a.Role,
            From = a.From?.ToString(),
            To = a.To?.ToString(),
            Version = personVersion,
        };

    public async Task<Validation> ValidateAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var v = new Validation();
        await OrganisationPicker.CheckChosenAsync(
            v,
            db,
            OrganisationId,
            "affiliations.error.organisation",
            "designations.error.noOrganisation",
            cancellationToken
        );
        v.Line("role", Role, MaxRoleLength, "affiliation.role");
        var from = v.Date("from", From, "affiliation.from");
        var to = v.Date("to", To, "affiliation.to");
        if (from is not null && to is not null && to.Value.Latest < from.Value.Earliest)
        {
            v.Add("to", "affiliations.error.toBefore");
        }
        return v;
    }

    /// <summary>Applies a validated input.</summary>
    public void ApplyTo(Affiliation a)
    {
        ArgumentNullException.ThrowIfNull(a);
        a.OrganisationId = OrganisationId!.Value;
        a.Role = string.IsNullOrWhiteSpace(Role) ? null : Role.Trim();
        a.From = Core.Dates.FuzzyDate.TryParse(From, out var from, out _) ? from : null;
        a.To = Core.Dates.FuzzyDate.TryParse(To, out var to, out _) ? to : null;
    }
}
