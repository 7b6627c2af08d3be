using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

/// <summary>Creates a person (/people/new) or edits one (/people/{id}/edit). On an error nothing is saved and everything typed is shown
/// again.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies, Search.PeopleNameIndex index) : PageModel
{
    public const int BlankNameRows = 2;

    [BindProperty]
    public PersonInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    /// <summary>Sent by "create anyway", after the warning about people with a matching name.</summary>
    [BindProperty]
    public bool ConfirmNew { get; set; }
    public IReadOnlyList<Search.PeopleSearch.Hit> PossibleDuplicates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (id is not null)
        {
            var person = await Load(id.Value, cancellationToken);
            if (person is null)
            {
                return NotFound();
            }
            Input = PersonInput.From(person);
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
        if (id is null && !ConfirmNew)
        {
            // Warn before creating someone who may already be recorded under another spelling.
            PossibleDuplicates = await Search.PeopleSearch.PossibleDuplicatesAsync(
                db,
                index,
                Input.GivenNames().Select(n => n.Name.Text),
                cancellationToken
            );
            if (PossibleDuplicates.Count > 0)
            {
                return Page();
            }
        }
        Person? person;
        if (id is null)
        {
            person = new Person();
            db.People.Add(person);
        }
        else
        {
            person = await Load(id.Value, cancellationToken);
            if (person is null)
            {
                return NotFound();
            }
        }
        if (!await Saving.TrySaveAsync(db, person, Input.Version, () => Input.ApplyTo(person, db.Viewer), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, person, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return Page();
        }
        return Redirect($"/people/{person.Id}");
    }

    private Task<Person?> Load(Guid id, CancellationToken cancellationToken) =>
        db.People.Include(p => p.Names).Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
}
