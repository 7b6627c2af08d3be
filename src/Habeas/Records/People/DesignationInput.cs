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
            "designations.error.organisation",
            "designations.error.noOrganisation",
            cancellationToken
        );
        v.Term("category", Category, vocabularies, "designation", "field.category", required: true);
        var date = v.Date("date", Date, "designation.date");
        var withdrawn = v.Date("withdrawnOn", WithdrawnOn, "field.withdrawnOn");
        if (date is not null && withdrawn is not null && withdrawn.Value.Latest < date.Value.Earliest)
        {
            v.Add("withdrawnOn", "designations.error.withdrawnBefore");
        }
        if (withdrawn is null && !string.IsNullOrWhiteSpace(WithdrawalReason) && string.IsNullOrWhiteSpace(WithdrawnOn))
        {
            v.Add("withdrawnOn", "designations.error.withdrawalDate");
        }
        v.MaxLength("criteria", Criteria, MaxTextLength, "field.criteria");
        v.MultiLine("criteria", Criteria, "field.criteria");
        v.MaxLength("rationale", Rationale, MaxTextLength, "field.rationale");
        v.MultiLine("rationale", Rationale, "field.rationale");
        v.MaxLength("withdrawalReason", WithdrawalReason, MaxTextLength, "field.withdrawalReason");
        v.MultiLine("withdrawalReason", WithdrawalReason, "field.withdrawalReason");
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
