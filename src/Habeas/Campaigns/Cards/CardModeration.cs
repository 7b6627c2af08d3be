using System.Globalization;
using Habeas.Campaigns.Actions;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Cards;

/// <summary>
/// Reading cards against the action's guidance: approving one counts it as sent to the prisoner (an outreach row on
/// the card-to-prisoner channel), rejecting one needs a reason. Both are audit entries on the action. Approved
/// cards not yet batched are put in the next batch for printing.
/// </summary>
public static class CardModeration
{
    /// <summary>The outreach-channel code of a card to the prisoner (terms.json).</summary>
    public const string Channel = "card-to-prisoner";

    public sealed record CardCounts(int Pending, int Approved, int Rejected);

    public static async Task<CardCounts> CountAsync(HabeasDb db, Guid actionId, CancellationToken cancellationToken)
    {
        var counts = await db
            .GreetingCards.AsNoTracking()
            .Where(c => c.ActionId == actionId)
            .GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Of(string status) => counts.FirstOrDefault(c => c.Status == status)?.Count ?? 0;
        return new CardCounts(Of(GreetingCard.Pending), Of(GreetingCard.Approved), Of(GreetingCard.Rejected));
    }

    /// <summary>Approves or rejects a pending card; the validation names what is wrong (a reason missing, a card already read).</summary>
    public static async Task<Validation> DecideAsync(
        HabeasDb db,
        TimeProvider time,
        Guid actionId,
        GreetingCard card,
        bool approve,
        string? reason,
        CancellationToken cancellationToken
    )
    {
        var v = new Validation();
        if (card.Status != GreetingCard.Pending)
        {
            v.Add(
                "card",
                "cards.error.decided",
                new Validation.Label("cards.status." + card.Status),
                card.ModeratedBy,
                card.ModeratedAt is { } at ? Habeas.Platform.Localization.Display.Day(DateOnly.FromDateTime(at.UtcDateTime)) : ""
            );
        }
        if (!approve && string.IsNullOrWhiteSpace(reason))
        {
            v.Add("reason", "cards.error.reasonRequired");
        }
        else if (reason is { Length: > 1000 })
        {
            v.MaxLength("reason", reason, 1000, "cards.reason");
        }
        if (!v.IsValid)
        {
            return v;
        }
        var now = time.GetUtcNow();
        card.Status = approve ? GreetingCard.Approved : GreetingCard.Rejected;
        card.Reason = approve ? null : reason!.Trim();
        card.ModeratedBy = db.Actor;
        card.ModeratedAt = now;
        var details = new Dictionary<string, string?> { ["card"] = card.Id.ToString() };
        if (approve)
        {
            var outreach = new Outreach
            {
                ActionId = actionId,
                Channel = Channel,
                Count = 1,
                Date = DateOnly.FromDateTime(now.UtcDateTime),
                Language = card.Language,
                Country = card.Country,
                RecordedAt = now,
                RecordedBy = db.Actor,
            };
            db.Outreach.Add(outreach);
            details["outreach"] = outreach.Id.ToString();
        }
        else
        {
            details["reason"] = card.Reason;
        }
        db.LogAction(approve ? "card-approved" : "card-rejected", "action", actionId, details: details);
        await db.SaveChangesAsync(cancellationToken);
        return v;
    }

    /// <summary>A new batch of the approved cards not yet in one; null when there are none.</summary>
    public static async Task<CardBatch?> MakeBatchAsync(HabeasDb db, TimeProvider time, Guid actionId, CancellationToken cancellationToken)
    {
        var cards = await db
            .GreetingCards.Where(c => c.ActionId == actionId && c.Status == GreetingCard.Approved && c.BatchId == null)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        if (cards.Count == 0)
        {
            return null;
        }
        var number = await db.CardBatches.Where(b => b.ActionId == actionId).Select(b => (int?)b.Number).MaxAsync(cancellationToken) ?? 0;
        var batch = new CardBatch
        {
            ActionId = actionId,
            Number = number + 1,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = db.Actor,
        };
        db.CardBatches.Add(batch);
        cards.ForEach(c => c.BatchId = batch.Id);
        db.LogAction(
            "card-batch-made",
            "action",
            actionId,
            details: new Dictionary<string, string?>
            {
                ["batch"] = batch.Number.ToString(CultureInfo.InvariantCulture),
                ["cards"] = cards.Count.ToString(CultureInfo.InvariantCulture),
            }
        );
        await db.SaveChangesAsync(cancellationToken);
        return batch;
    }
}
