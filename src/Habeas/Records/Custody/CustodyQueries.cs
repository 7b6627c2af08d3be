using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Custody;

/// <summary>Questions answered from the stored custody periods (derived from events, see CustodyPeriod).</summary>
public static class CustodyQueries
{
    public const string Free = "free";

    public static IQueryable<T> CoveringDay<T>(this IQueryable<T> periods, DateOnly day)
        where T : StoredCustodyPeriod => periods.Where(p => p.FromDay <= day && (p.ToDay == null || p.ToDay > day));

    /// <summary>Each person's status on a day; people with no period covering it are free.</summary>
    public static async Task<Dictionary<Guid, string>> StatusesOnAsync(
        HabeasDb db,
        IReadOnlyCollection<Guid> personIds,
        DateOnly day,
        CancellationToken cancellationToken = default
    )
    {
        var found = await db
            .CustodyPeriods.CoveringDay(day)
            .Where(p => personIds.Contains(p.PersonId))
            .Select(p => new { p.PersonId, p.Status })
            .ToListAsync(cancellationToken);
        var statuses = personIds.ToDictionary(id => id, _ => Free);
        foreach (var period in found)
        {
            statuses[period.PersonId] = period.Status;
        }
        return statuses;
    }

    /// <summary>People deprived of liberty on a day, under the earliest-day rule of docs/custody-rules.md.</summary>
    public static IQueryable<Guid> DetainedOn(HabeasDb db, DateOnly day) =>
        db.CustodyPeriods.CoveringDay(day).Where(p => p.DeprivedOfLiberty).Select(p => p.PersonId).Distinct();

    /// <summary>People whose status on a day is <paramref name="status"/> ("free" included: no period, or a free one).</summary>
    public static IQueryable<Guid> WithStatusOn(HabeasDb db, string status, DateOnly day)
    {
        if (status == Free)
        {
            var notFree = db.CustodyPeriods.CoveringDay(day).Where(p => p.Status != Free).Select(p => p.PersonId);
            return db.People.Where(p => !notFree.Contains(p.Id)).Select(p => p.Id);
        }
        return db.CustodyPeriods.CoveringDay(day).Where(p => p.Status == status).Select(p => p.PersonId);
    }
}
