using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Duplicates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

public sealed class DetailsModel(HabeasDb db, TimeProvider time) : PageModel
{
    public PersonProfile Profile { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>Duplicates merged into this record (and not undone), newest first.</summary>
    public IReadOnlyList<PersonMerge> Merges { get; private set; } = [];

    /// <summary>The first name the merged record brought (its own name before the merge).</summary>
    public string MergedName(PersonMerge merge)
    {
        var first = Merging.Read(merge).Names.OrderBy(n => n.Value).Select(n => n.Key).FirstOrDefault();
        return Profile.Person.Names.FirstOrDefault(n => n.Id == first)?.Text ?? merge.MergedId.ToString();
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await PersonProfile.LoadAsync(db, id, cancellationToken);
        if (profile is null)
        {
            // A merged duplicate's id goes on to the record it was merged into.
            return await Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor ? Redirect($"/people/{survivor}") : NotFound();
        }
        Profile = profile;
        Merges = await db
            .PersonMerges.AsNoTracking()
            .Where(m => m.IntoId == id && m.UndoneAt == null)
            .OrderByDescending(m => m.MergedAt)
            .ToListAsync(cancellationToken);
        Today = time.Today();
        return Page();
    }
}
