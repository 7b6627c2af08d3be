using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Stories;

/// <summary>/stories, open to all: the published success stories, newest first.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    public sealed record Item(Guid Id, LocalizedText Title, DateTimeOffset? PublishedAt);

    public IReadOnlyList<Item> Stories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        Stories = (
            await db
                .Stories.AsNoTracking()
                .Where(s => s.Published)
                .Select(s => new
                {
                    s.Id,
                    s.Title,
                    s.PublishedAt,
                })
                .ToListAsync(cancellationToken)
        ).OrderByDescending(s => s.PublishedAt).Take(200).Select(s => new Item(s.Id, s.Title, s.PublishedAt)).ToList();
    }
}
