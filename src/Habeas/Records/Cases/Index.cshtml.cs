using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Cases;

public sealed class IndexModel(HabeasDb db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public sealed record Row(Guid Id, string Title, string? CourtCaseNumber, IReadOnlyList<string> People);

    public IReadOnlyList<Row> Cases { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var query = CasesApi.Filter(db, Q);
        Total = await query.CountAsync(cancellationToken);
        var cases = await query
            .OrderBy(c => c.Title)
            .Take(200)
            .AsNoTracking()
            .Include(c => c.Participants)
                .ThenInclude(p => p.Person)
                    .ThenInclude(p => p!.Names)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        Cases = cases
            .Select(c => new Row(
                c.Id,
                c.Title,
                c.CourtCaseNumber,
                c.Participants.Select(p => p.Person!.NameFor(Habeas.Platform.Localization.Texts.CurrentLanguage)).Distinct().ToList()
            ))
            .ToList();
    }
}
