using Habeas.Campaigns.Actions;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Platform.Watches;
using Habeas.Records.Cases;
using Habeas.Records.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Watches;

/// <summary>/watches: what the reader watches (with a button to stop), and the target of the watch button on person, case
/// and action pages (POST, back to the page it came from).</summary>
public sealed class IndexModel(HabeasDb db, UserManager<HabeasUser> users) : PageModel
{
    public sealed record Row(string RecordType, Guid RecordId, string Title);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        var watches = await db
            .Watches.AsNoTracking()
            .Where(w => w.UserId == userId)
            .OrderBy(w => w.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var rows = new List<Row>();
        var language = Platform.Localization.Texts.CurrentLanguage;
        var personIds = watches.Where(w => w.RecordType == "person").Select(w => w.RecordId).ToList();
        var caseIds = watches.Where(w => w.RecordType == "case").Select(w => w.RecordId).ToList();
        var actionIds = watches.Where(w => w.RecordType == "action").Select(w => w.RecordId).ToList();
        var people = await db
            .People.AsNoTracking()
            .Include(p => p.Names)
            .Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var actions = await db
            .CampaignActions.AsNoTracking()
            .Where(a => actionIds.Contains(a.Id))
            .Select(a => new
            {
                a.Id,
                a.Code,
                a.Title,
            })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        foreach (var w in watches)
        {
            // A record the reader can no longer see is left out, never named.
            var title = w.RecordType switch
            {
                "person" when people.TryGetValue(w.RecordId, out var p) => p.NameFor(language),
                "case" when cases.TryGetValue(w.RecordId, out var c) => Attention.WorkList.CaseTitle(c.Title, c.CourtCaseNumber),
                "action" when actions.TryGetValue(w.RecordId, out var a) => $"{a.Code} · {a.Title}",
                _ => null,
            };
            if (title is not null)
            {
                rows.Add(new Row(w.RecordType, w.RecordId, title));
            }
        }
        Rows = rows;
    }

    public async Task<IActionResult> OnPostAsync(
        string recordType,
        Guid recordId,
        bool watch,
        string? returnUrl,
        CancellationToken cancellationToken
    )
    {
        var userId = users.GetUserId(User)!;
        if (watch)
        {
            if (!await Watching.WatchAsync(db, userId, recordType, recordId, cancellationToken))
            {
                return NotFound();
            }
        }
        else
        {
            await Watching.UnwatchAsync(db, userId, recordType, recordId, cancellationToken);
        }
        return LocalRedirect(returnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/watches");
    }
}
