using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Sources;

public sealed class DetailsModel(HabeasDb db) : PageModel
{
    public Source Source { get; private set; } = null!;
    public IReadOnlyList<Citation> Citations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var source = await db.Sources.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (source is null)
        {
            return NotFound();
        }
        Source = source;
        Citations = await db.Citations.AsNoTracking().Where(c => c.SourceId == id).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Where a cited record is shown: events and charges on their case or person page.</summary>
    public string LinkTo(Citation c) =>
        c.TargetType switch
        {
            "person" => $"/people/{c.TargetId}",
            "case" => $"/cases/{c.TargetId}",
            "event" => $"/events/{c.TargetId}/edit",
            _ => $"/history/{c.TargetType}/{c.TargetId}",
        };
}
