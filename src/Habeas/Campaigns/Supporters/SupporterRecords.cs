using Habeas.Campaigns.Actions;
using Habeas.Platform.Mail;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Supporters;

/// <summary>Everything kept about one supporter (their page and their export), finding them by a secret link, and erasing them.</summary>
public static class SupporterRecords
{
    public sealed record Preferences(IReadOnlyList<string> Concerns, IReadOnlyList<string> Regions, int? MaxActionsPerMonth);

    public sealed record Followed(Guid ActionId, string Code, string Title, DateTimeOffset FollowedAt);

    public sealed record OutreachRow(
        Guid Id,
        Guid ActionId,
        string ActionCode,
        string Channel,
        int Count,
        string Date,
        string? Language,
        string? Country
    );

    public sealed record MailRow(
        string MessageId,
        string Kind,
        string Subject,
        string Status,
        DateTimeOffset CreatedAt,
        DateTimeOffset? SentAt
    );

    public sealed record Everything(
        Guid Id,
        string Name,
        string Email,
        string Country,
        string? Group,
        string Language,
        string Status,
        DateTimeOffset ConsentedAt,
        string ConsentVersion,
        DateTimeOffset? ConfirmedAt,
        DateTimeOffset CreatedAt,
        Preferences Preferences,
        IReadOnlyList<Followed> Follows,
        IReadOnlyList<OutreachRow> Outreach,
        IReadOnlyList<MailRow> Mail,
        int Links
    );

    /// <summary>The supporter a page link opens, or null (unknown link, or the supporter has left).</summary>
    public static async Task<Supporter?> ByPageTokenAsync(HabeasDb db, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = SupporterRules.Hash(token ?? "");
        var id = await db
            .SupporterTokens.AsNoTracking()
            .Where(t => t.Hash == hash && t.Purpose == SupporterToken.Page)
            .Select(t => (Guid?)t.SupporterId)
            .FirstOrDefaultAsync(cancellationToken);
        return id is null ? null : await db.Supporters.Include(s => s.Follows).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    public static async Task<Everything> GatherAsync(HabeasDb db, Supporter s, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(s);
        var actionIds = s.Follows.Select(f => f.ActionId).ToList();
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
        var outreach = await db
            .Outreach.AsNoTracking()
            .Where(o => o.SupporterId == s.Id)
            .Join(db.CampaignActions, o => o.ActionId, a => a.Id, (o, a) => new { o, a.Code })
            .ToListAsync(cancellationToken);
        var mail = await db.OutboxMessages.AsNoTracking().Where(m => m.SupporterId == s.Id).ToListAsync(cancellationToken);
        var links = await db.SupporterTokens.CountAsync(t => t.SupporterId == s.Id, cancellationToken);
        return new Everything(
            s.Id,
            s.Name,
            s.Email,
            s.Country,
            s.Group,
            s.Language,
            s.Status,
            s.ConsentedAt,
            s.ConsentVersion,
            s.ConfirmedAt,
            s.CreatedAt,
            new Preferences(s.ConcernList, s.RegionList, s.MaxActionsPerMonth),
            s.Follows.Where(f => actions.ContainsKey(f.ActionId))
                .Select(f => new Followed(f.ActionId, actions[f.ActionId].Code, actions[f.ActionId].Title, f.FollowedAt))
                .OrderBy(f => f.FollowedAt)
                .ToList(),
            outreach
                .OrderBy(r => r.o.Date)
                .Select(r => new OutreachRow(
                    r.o.Id,
                    r.o.ActionId,
                    r.Code,
                    r.o.Channel,
                    r.o.Count,
                    r.o.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    r.o.Language,
                    r.o.Country
                ))
                .ToList(),
            mail.OrderBy(m => m.CreatedAt)
                .Select(m => new MailRow(m.MessageId, m.Kind, m.Subject, m.Status, m.CreatedAt, m.SentAt))
                .ToList(),
            links
        );
    }

    /// <summary>
    /// Erases a supporter at once, in one transaction: their row, followed actions, links and every email to them
    /// (sent or not) go; outreach they recorded keeps its counts without them. The audit entry names the id only.
    /// </summary>
    public static async Task DeleteAsync(HabeasDb db, Supporter supporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(supporter);
        await using var work = await db.BeginWorkAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Freed pages are overwritten with zeros, so the erased name and address do not linger in the file's free space.
            await db.Database.ExecuteSqlRawAsync("PRAGMA secure_delete = ON", cancellationToken);
        }
        await db
            .Outreach.Where(o => o.SupporterId == supporter.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.SupporterId, (Guid?)null), cancellationToken);
        await db.OutboxMessages.Where(m => m.SupporterId == supporter.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SupporterTokens.Where(t => t.SupporterId == supporter.Id).ExecuteDeleteAsync(cancellationToken);
        db.Supporters.Remove(supporter);
        db.LogAction("supporter-deleted", "supporter", supporter.Id);
        await db.SaveChangesAsync(cancellationToken);
        await work.CompleteAsync(cancellationToken);
    }
}
