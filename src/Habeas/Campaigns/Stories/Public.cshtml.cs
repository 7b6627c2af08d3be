using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Stories;

/// <summary>/stories/{id}, open to all: a published success story, with only what is public (<see cref="PublicStory"/>).</summary>
public sealed class PublicModel(HabeasDb db) : PageModel
{
    public PublicStory.View Story { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var story = await PublicStory.LoadAsync(db, id, cancellationToken);
        if (story is null)
        {
            return NotFound();
        }
        Story = story;
        return Page();
    }
}
