using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>What a form or an API call may set on an intervention in a case: its kind (intervention-kind vocabulary), the
/// organisation that intervened, the lawyer, the start and end dates, the status and the outcome.</summary>
public sealed class InterventionInput
{
    public const int MaxLawyerLength = 300;
    public const int MaxOutcomeLength = 4000;

    public string? Kind { get; set; }
    public Guid? OrganisationId { get; set; }
    public string? Lawyer { get; set; }
    public string? StartDate { get; set; }
    public string? EndDate { get; set; }

    /// <summary>A code of the intervention-status vocabulary; when left out, "completed" once there is an end date, else "ongoing".</summary>
    public string? Status { get; set; }
    public string? Outcome { get; set; }
    public int? Version { get; set; }

    public static InterventionInput From(Intervention i) =>
        new()
        {
            Kind = i.Kind,
            OrganisationId = i.OrganisationId,
            Lawyer = i.Lawyer,
            StartDate = i.From?.ToString(),
            EndDate = i.To?.ToString(),
            Status = i.Status,
            Outcome = i.Outcome,
            Version = i.Version,
        };

    public async Task<Validation> ValidateAsync(HabeasDb db, Vocabularies vocabularies, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var v = new Validation();
        v.Term("kind", Kind, vocabularies, "intervention-kind", "intervention.kind", required: true);
        v.Term("status", Status, vocabularies, "intervention-status", "intervention.status");
        if (OrganisationId is { } organisation && !await db.Organisations.AnyAsync(o => o.Id == organisation, cancellationToken))
        {
            v.Add("organisationId", "designations.error.noOrganisation", organisation);
        }
        if (OrganisationId is null && string.IsNullOrWhiteSpace(Lawyer))
        {
            v.Add("organisationId", "interventions.error.who");
        }
        v.Line("lawyer", Lawyer, MaxLawyerLength, "intervention.lawyer");
        var start = v.Date("startDate", StartDate, "intervention.startDate");
        var end = v.Date("endDate", EndDate, "intervention.endDate");
        if (start is not null && end is not null && end.Value.Latest < start.Value.Earliest)
        {
            v.Add("endDate", "interventions.error.endBeforeStart");
        }
        v.MaxLength("outcome", Outcome, MaxOutcomeLength, "intervention.outcome");
        v.MultiLine("outcome", Outcome, "intervention.outcome");
        return v;
    }

    /// <summary>Applies a validated input.</summary>
    public void ApplyTo(Intervention i)
    {
        ArgumentNullException.ThrowIfNull(i);
        i.Kind = Kind!.Trim();
        i.OrganisationId = OrganisationId;
        i.Lawyer = string.IsNullOrWhiteSpace(Lawyer) ? null : Lawyer.Trim();
        i.From = Core.Dates.FuzzyDate.TryParse(StartDate, out var start, out _) ? start : null;
        i.To = Core.Dates.FuzzyDate.TryParse(EndDate, out var end, out _) ? end : null;
        i.Status =
            !string.IsNullOrWhiteSpace(Status) ? Status.Trim()
            : i.To is null ? "ongoing"
            : "completed";
        i.Outcome = string.IsNullOrWhiteSpace(Outcome) ? null : Outcome.Trim();
    }
}
