using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Organisations;

namespace Habeas.Records.People;

/// <summary>What a form or an API call may set on a designation: the organisation that designated the person, the
/// category (designation vocabulary), the date, the criteria or rationale, and a withdrawal (date and reason).</summary>
public sealed class DesignationInput
{
    public const int MaxTextLength = 4000;

    public Guid? OrganisationId { get; set; }
    public string? Category { get; set; }
    public string? Date { get; set; }
    public string? Criteria { get; set; }
    public string? Rationale { get; set; }
    public string? WithdrawnOn { get; set; }
    public string? WithdrawalReason { get; set; }
    public int? Version { get; set; }

    public static DesignationInput From(Designation d) =>
        new()
        {
            OrganisationId = d.OrganisationId,
            Category = d.Category,
            Date = d.Date?.ToString(),
            Criteria = d.Criteria,
            Rationale = d.Rationale,
            WithdrawnOn = d.WithdrawnOn?.ToString(),
            WithdrawalReason = d.WithdrawalReason,
            Version = d.Version,
        };

    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var v = new Validation();
        await OrganisationPicker.CheckChosenAsync(
            v,
            db,
            OrganisationId,
            "Organisation (organisationId): choose the organisation that made the designation.",
            "designations.error.organisation",
            "designations.error.noOrganisation",
            cancellationToken
        );
        v.Term("category", Category, vocabularies, "designation", "Category (category)", required: true);
        var date = v.Date("date", Date, "Date (date)");
        var withdrawn = v.Date("withdrawnOn", WithdrawnOn, "Withdrawn on (withdrawnOn)");
        if (date is not null && withdrawn is not null && withdrawn.Value.Latest < date.Value.Earliest)
        {
            v.Add(
                "withdrawnOn",
                "Withdrawn on (withdrawnOn): a designation cannot be withdrawn before it was made.",
                "designations.error.withdrawnBefore"
            );
        }
        if (withdrawn is null && !string.IsNullOrWhiteSpace(WithdrawalReason) && string.IsNullOrWhiteSpace(WithdrawnOn))
        {
            v.Add(
                "withdrawnOn",
                "Withdrawn on (withdrawnOn): give the date of the withdrawal whose reason is written.",
                "designations.error.withdrawalDate"
            );
        }
        v.MaxLength("criteria", Criteria, MaxTextLength, "Criteria (criteria)");
        v.MultiLine("criteria", Criteria, "Criteria");
        v.MaxLength("rationale", Rationale, MaxTextLength, "Rationale (rationale)");
        v.MultiLine("rationale", Rationale, "Rationale");
        v.MaxLength("withdrawalReason", WithdrawalReason, MaxTextLength, "Reason for the withdrawal (withdrawalReason)");
        v.MultiLine("withdrawalReason", WithdrawalReason, "Reason for the withdrawal");
        return v;
    }

    /// <summary>Applies a validated input.</summary>
    public void ApplyTo(Designation d)
    {
        ArgumentNullException.ThrowIfNull(d);
        d.OrganisationId = OrganisationId!.Value;
        d.Category = Category!.Trim();
        d.Date = Core.Dates.FuzzyDate.TryParse(Date, out var date, out _) ? date : null;
        d.Criteria = Text(Criteria);
        d.Rationale = Text(Rationale);
        d.WithdrawnOn = Core.Dates.FuzzyDate.TryParse(WithdrawnOn, out var withdrawn, out _) ? withdrawn : null;
        d.WithdrawalReason = Text(WithdrawalReason);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
