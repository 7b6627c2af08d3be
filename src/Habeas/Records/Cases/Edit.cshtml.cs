using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

/// <summary>Creates a case (/cases/new) or edits one, with its people and their roles.</summary>
public sealed class EditModel(HabeasDb db, Vocabularies vocabularies, Search.PeopleNameIndex index) : PageModel
{
    public const int BlankPeopleRows = 3;

    [BindProperty]
    public CaseInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }

    /// <summary>What was typed in each person row's "find" box (the rows of <see cref="CaseInput.People"/>).</summary>
    [BindProperty]
    public List<string?> PeopleQuery { get; set; } = [];

    /// <summary>A search-step picker per person row, never a list of everyone (People.PersonPicker).</summary>
    public IReadOnlyList<People.PersonPicker> PeoplePickers { get; private set; } = [];

    /// <summary>What was typed in the jurisdiction's "find" box.</summary>
    [BindProperty]
    public string? JurisdictionQuery { get; set; }

    /// <summary>The court's or province's place, chosen by a search step (Places.PlacePicker), not from every place.</summary>
    public Places.PlacePicker Jurisdiction { get; private set; } = null!;

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

    /// <summary>"Find" in a person row: nothing is saved; the form comes back as typed, with the matches of each row.</summary>
    public async Task<IActionResult> OnPostFindAsync(Guid? id, CancellationToken cancellationToken)
    {
        Id = id;
        ModelState.Clear();
        await LoadChoicesAsync(cancellationToken, find: true);
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

    private async Task LoadChoicesAsync(CancellationToken cancellationToken, bool find = false)
    {
        var rows = Math.Max(BlankPeopleRows, Input.People.Count + 1);
        while (Input.People.Count < rows)
        {
            Input.People.Add(new());
        }
        var pickers = new List<People.PersonPicker>();
        for (var i = 0; i < Input.People.Count; i++)
        {
            pickers.Add(
                await People.PersonPicker.BuildAsync(
                    db,
                    index,
                    $"Input.People[{i}].PersonId",
                    $"PeopleQuery[{i}]",
                    Input.People[i].PersonId is { } chosen ? [chosen] : [],
                    PeopleQuery.ElementAtOrDefault(i),
                    find,
                    cancellationToken
                )
            );
        }
        PeoplePickers = pickers;
        Jurisdiction = Places.PlacePicker.Build(
            await Places.PlaceDirectory.LoadAsync(db, cancellationToken),
            "Input.JurisdictionId",
            nameof(JurisdictionQuery),
            "case.jurisdiction",
            Input.JurisdictionId,
            JurisdictionQuery,
            find && !string.IsNullOrWhiteSpace(JurisdictionQuery)
        );
    }
}
