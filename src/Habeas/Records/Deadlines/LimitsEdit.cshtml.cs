using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Deadlines;

/// <summary>Edits one legal time limit (/admin/time-limits/{id}) or adds one (/admin/time-limits/new); a save rebuilds
/// every stored deadline, so each follows the new limit at once.</summary>
public sealed class LimitsEditModel(HabeasDb db) : PageModel
{
    [BindProperty]
    public LimitInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var limit = await db.TimeLimits.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
            if (limit is null)
            {
                return NotFound();
            }
            Input = LimitInput.From(limit);
        }
        else
        {
            Input.Verified = false;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        LegalTimeLimit? limit = null;
        if (id is not null)
        {
            limit = await db.TimeLimits.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
            if (limit is null)
            {
                return NotFound();
            }
            // The identity of a limit is not edited: the form shows it as it is saved.
            Input.Code = limit.Code;
            Input.Country = limit.Country;
            Input.Kind = limit.Kind;
            Input.OffenceClass = limit.OffenceClass;
        }
        var validation = await Input.ValidateAsync(db, id, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            return Page();
        }
        var isNew = limit is null;
        if (limit is null)
        {
            limit = new LegalTimeLimit
            {
                Code = "",
                Country = "",
                Kind = "",
                Law = "",
                Article = "",
                CodeVersion = "",
            };
            db.TimeLimits.Add(limit);
        }
        var saved = limit;
        if (!await Saving.TrySaveAsync(db, limit, Input.Version, () => Input.ApplyTo(saved, isNew), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, limit, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return Page();
        }
        await DeadlineRebuild.RebuildAllAsync(db, cancellationToken);
        return Redirect("/admin/time-limits?done=saved");
    }
}
