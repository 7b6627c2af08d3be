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

    /// <summary>What was typed in the source's "find" box.</summary>
    [BindProperty]
    public string? SourceQuery { get; set; }

    /// <summary>The source, chosen by a search step, never from a list of every source (Pickers.RecordPicker).</summary>
    public Pickers.RecordPicker SourcePicker { get; private set; } = null!;

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
            await LoadSourcesAsync(false, cancellationToken);
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
        await LoadSourcesAsync(false, cancellationToken);
        return Page();
    }

    /// <summary>"Find" a source: nothing is saved; the form comes back as typed, with the matches to choose from.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        ModelState.Clear();
        await LoadSourcesAsync(true, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var validation = await Input.ValidateAsync(db, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            await LoadSourcesAsync(false, cancellationToken);
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
            await LoadSourcesAsync(false, cancellationToken);
            return Page();
        }
        return Redirect(await BackToAsync(citation, cancellationToken));
    }

    private async Task LoadSourcesAsync(bool find, CancellationToken cancellationToken) =>
        SourcePicker = await Pickers.RecordPicker.BuildAsync(
            new Pickers.SourceFinder(db),
            "Input.SourceId",
            nameof(SourceQuery),
            Input.SourceId is { } sourceId ? [sourceId] : [],
            SourceQuery,
            find,
            cancellationToken
        );

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
