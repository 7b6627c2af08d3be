using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Deadlines;

/// <summary>/admin/time-limits: every legal time limit, by country, with its source; an administrator edits them.</summary>
public sealed class LimitsModel(HabeasDb db) : PageModel
{
    public IReadOnlyList<IGrouping<string, LegalTimeLimit>> Countries { get; private set; } = [];

    /// <summary>"saved" after an edit (the deadlines have been rebuilt).</summary>
    public string? Done { get; private set; }

    /// <summary>"18 months", "2 days", "1 month 15 days": the length of a limit in the reader's language.</summary>
    public static string Length(LegalTimeLimit limit, Habeas.Platform.Localization.Texts texts)
    {
        ArgumentNullException.ThrowIfNull(limit);
        ArgumentNullException.ThrowIfNull(texts);
        var parts = new List<string>();
        if (limit.Months > 0)
        {
            parts.Add(limit.Months == 1 ? texts["timeLimits.lengthMonth"] : texts.Format("timeLimits.lengthMonths", limit.Months));
        }
        if (limit.Days > 0)
        {
            parts.Add(limit.Days == 1 ? texts["timeLimits.lengthDay"] : texts.Format("timeLimits.lengthDays", limit.Days));
        }
        return string.Join(" ", parts);
    }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done is "saved" ? done : null;
        var limits = await db.TimeLimits.AsNoTracking().ToListAsync(cancellationToken);
        Countries = limits
            .OrderBy(l => l.Country, StringComparer.Ordinal)
            .ThenBy(l => l.Kind, StringComparer.Ordinal)
            .ThenBy(l => l.Code, StringComparer.Ordinal)
            .GroupBy(l => l.Country)
            .ToList();
    }
}
