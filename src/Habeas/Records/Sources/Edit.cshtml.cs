using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Sources;

/// <summary>Creates a source (/sources/new, optionally then citing it for a record) or edits one.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    [BindProperty]
    public SourceInput Input { get; set; } = new();

    /// <summary>When set, the new source is then cited for this record ("event:{id}").</summary>
    [BindProperty(SupportsGet = true)]
    public string? CiteFor { get; set; }
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (source is null)
            {
                return NotFound();
            }
            Input = SourceInput.From(source);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var validation = Input.Validate(vocabularies);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        Source? source;
        if (id is null)
        {
            source = new Source { Title = "" };
            db.Sources.Add(source);
        }
        else
        {
            source = await db.Sources.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (source is null)
            {
                return NotFound();
            }
        }
        if (!await Saving.TrySaveAsync(db, source, Input.Version, () => Input.ApplyTo(source, db.Viewer), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, source, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return Page();
        }
        if (CiteFor?.Split(':') is [var type, var target] && Guid.TryParse(target, out var targetId))
        {
            return Redirect($"/citations/new?targetType={Uri.EscapeDataString(type)}&targetId={targetId}&sourceId={source.Id}");
        }
        return Redirect($"/sources/{source.Id}");
    }
}
