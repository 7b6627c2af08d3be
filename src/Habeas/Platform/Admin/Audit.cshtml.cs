using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Admin;

/// <summary>Administrators: the audit log, newest first, filtered and paged, each entry with its changed fields.</summary>
public sealed class AuditModel(HabeasDb db, IAuditRecordNames recordNames) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? RecordType { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? RecordId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditQueries.Entry> Entries { get; private set; } = [];

    /// <summary>The listed records the reader may see, by id: their names and pages (the others show their id only).</summary>
    public IReadOnlyDictionary<Guid, AuditRecordName> RecordNames { get; private set; } = new Dictionary<Guid, AuditRecordName>();
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var (items, total) = await AuditQueries.PageAsync(
            db,
            new AuditQueries.Filter(Actor, RecordType, RecordId, Action, From, To),
            PageSize,
            (int)Math.Min(int.MaxValue, (long)(PageNumber - 1) * PageSize),
            cancellationToken
        );
        Entries = items;
        Total = total;
        RecordNames = await recordNames.NamesAsync(db, items.Select(e => (e.RecordType, e.RecordId)).ToList(), cancellationToken);
    }

    /// <summary>The address of another page of the same filter.</summary>
    public string PageUrl(int page)
    {
        var query = new Dictionary<string, string?>
        {
            ["actor"] = Actor,
            ["recordType"] = RecordType,
            ["recordId"] = RecordId?.ToString(),
            ["action"] = Action,
            ["from"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            "/admin/audit",
            query.Where(q => !string.IsNullOrEmpty(q.Value))
        );
    }
}
