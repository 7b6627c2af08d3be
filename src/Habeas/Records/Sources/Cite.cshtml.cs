using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Sources;

/// <summary>Cites a source for one record (/citations/new?targetType=event&amp;targetId=…) or edits a citation
/// (/citations/{id}/edit).</summary>
public sealed class CiteModel(HabeasDb db) : PageModel
{
    [BindProperty]
    public CitationInput Input { get; set; } = new();
    public IReadOnlyList<(Guid Id, string Title)> Sources { get; private set; } = [];

    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        Guid? id,
        string? targetType,
        Guid? targetId,
        Guid? sourceId,
        CancellationToken cancellationToken
    )
    {
        Id = id;
        if (id is not null)
        {
            var existing = await db.Citations.FirstOrDefaultAsync(c => c.Id == id.Value, cancellationToken);
            if (existing is null)
            {
                return NotFound();
            }
            Input = CitationInput.From(existing);
            Sources = await Choices.SourcesAsync(db, cancellationToken);
            return Page();
        }
        Input = new CitationInput
        {
            TargetType = targetType,
            TargetId = targetId,
            SourceId = sourceId,
        };
        if (
            targetType is null
            || targetId is null
            || !await CitationInput.TargetExistsAsync(db, targetType, targetId.Value, cancellationToken)
        )
        {
            return NotFound();
        }
        Sources = await Choices.SourcesAsync(db, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var validation = await Input.ValidateAsync(db, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            Sources = await Choices.SourcesAsync(db, cancellationToken);
            return Page();
        }
        Citation? citation;
        if (id is null)
        {
            citation = new Citation { TargetType = "" };
            db.Citations.Add(citation);
        }
        else
        {
            citation = await db.Citations.FirstOrDefaultAsync(c => c.Id == id.Value, cancellationToken);
            if (citation is null)
            {
                return NotFound();
            }
        }
        if (!await Saving.TrySaveAsync(db, citation, Input.Version, () => Input.ApplyTo(citation), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, citation, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            Sources = await Choices.SourcesAsync(db, cancellationToken);
            return Page();
        }
        return Redirect(await BackToAsync(citation, cancellationToken));
    }

    private async Task<string> BackToAsync(Citation c, CancellationToken cancellationToken)
    {
        switch (c.TargetType)
        {
            case "person":
                return $"/people/{c.TargetId}";
            case "case":
                return $"/cases/{c.TargetId}";
            case "event":
                var e = await db.Events.FindAsync([c.TargetId], cancellationToken);
                return e?.CaseId is { } caseId ? $"/cases/{caseId}#event-{c.TargetId}" : $"/sources/{c.SourceId}";
            case "charge":
                var charge = await db.Charges.FindAsync([c.TargetId], cancellationToken);
                return $"/cases/{charge!.CaseId}";
            default:
                return $"/sources/{c.SourceId}";
        }
    }
}
