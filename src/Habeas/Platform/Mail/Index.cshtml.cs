using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Mail;

/// <summary>Administrators: the outbox (status, attempts, last error; never the bodies), and retrying a failed message.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    public sealed record Row(
        Guid Id,
        string MessageId,
        string Kind,
        string Language,
        string Status,
        int Attempts,
        string? LastError,
        DateTimeOffset CreatedAt,
        DateTimeOffset NextAttemptAt,
        DateTimeOffset? SentAt,
        bool Claimed
    );

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = (
            await db
                .OutboxMessages.AsNoTracking()
                .GroupBy(m => m.Status)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken)
        ).ToDictionary(g => g.Key, g => g.Count);
        var rows = await db
            .OutboxMessages.AsNoTracking()
            .Where(m => Status == null || m.Status == Status)
            .OrderByDescending(m => m.CreatedAt)
            .Take(500)
            .Select(m => new Row(
                m.Id,
                m.MessageId,
                m.Kind,
                m.Language,
                m.Status,
                m.Attempts,
                m.LastError,
                m.CreatedAt,
                m.NextAttemptAt,
                m.SentAt,
                m.ClaimedBy != null
            ))
            .ToListAsync(cancellationToken);
        Rows = rows;
    }

    /// <summary>Puts a failed message back in the queue with a fresh count of attempts.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == id && m.Status == OutboxMessage.Failed, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }
        message.Status = OutboxMessage.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = db.Time.GetUtcNow();
        db.LogAction("mail-retried", "mail", message.Id);
        db.AfterCommit(Outbox.Wake);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/mail?status=pending");
    }
}
