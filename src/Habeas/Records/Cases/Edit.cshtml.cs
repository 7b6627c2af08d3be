using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>Creates a case (/cases/new) or edits one, with its people and their roles.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies) : PageModel
{
    public const int BlankPeopleRows = 3;

    [BindProperty]
    public CaseInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> People { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Places { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, Guid? personId, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var c = await Load(id.Value, cancellationToken);
            if (c is null)
            {
                return NotFound();
            }
            Input = CaseInput.From(c);
        }
        else if (personId is not null)
        {
            Input.People.Add(new CaseInput.ParticipantInput { PersonId = personId, Role = "defendant" });
        }
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        var validation = await Input.ValidateAsync(db, vocabularies, cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        Case? c;
        if (id is null)
        {
            c = new Case { Title = "" };
            db.Cases.Add(c);
        }
        else
        {
            c = await Load(id.Value, cancellationToken);
            if (c is null)
            {
                return NotFound();
            }
        }
        if (!await Saving.TrySaveAsync(db, c, Input.Version, () => Input.ApplyTo(c, db.Viewer), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, c, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        return Redirect($"/cases/{c.Id}");
    }

    private Task<Case?> Load(Guid id, CancellationToken cancellationToken) =>
        db.Cases.Include(c => c.Participants).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        People = await Choices.PeopleAsync(db, cancellationToken);
        Places = await Choices.PlacesAsync(db, cancellationToken);
    }
}
