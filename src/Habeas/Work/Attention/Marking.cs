using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Attention;

/// <summary>Marks an item of the work list done, snoozed until a day, assigned to a user, or back to open (docs/work-list.md).</summary>
public static class Marking
{
    public static readonly IReadOnlyList<string> Acts = ["done", "snooze", "assign", "reopen"];

    public const int MaxSnoozeDays = 90;
    public const int MaxKeyLength = 200;

    /// <summary>Applies the mark; false (nothing written) when the act, the key, the days or the assignee is not acceptable.</summary>
    public static async Task<bool> MarkAsync(
        HabeasDb db,
        string userId,
        string? key,
        string? act,
        int? days,
        string? assignee,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(db);
        if (key is not { Length: > 0 and <= MaxKeyLength } || act is null || !Acts.Contains(act))
        {
            return false;
        }
        if (act == "snooze" && days is not (>= 1 and <= MaxSnoozeDays))
        {
            return false;
        }
        if (act == "assign" && (assignee is null || !await db.Users.AnyAsync(u => u.Id == assignee, cancellationToken)))
        {
            return false;
        }
        var mark = await db.AttentionMarks.FirstOrDefaultAsync(m => m.Key == key, cancellationToken);
        if (mark is null)
        {
            mark = new AttentionMark { Key = key, MarkedBy = userId };
            db.AttentionMarks.Add(mark);
        }
        switch (act)
        {
            case "done":
                mark.Done = true;
                break;
            case "snooze":
                mark.SnoozedUntil = Habeas.Platform.Shared.Clock.Today(db.Time).AddDays(days!.Value);
                break;
            case "assign":
                mark.AssignedTo = assignee;
                break;
            default:
                mark.Done = false;
                mark.SnoozedUntil = null;
                break;
        }
        mark.MarkedBy = userId;
        mark.MarkedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
