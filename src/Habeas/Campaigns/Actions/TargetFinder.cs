using Habeas.Platform.Storage;
using Habeas.Records.Pickers;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>The officials and offices campaigns write to, by the words of their title, name and organisation, read whole
/// and matched in memory (a network's officials are hundreds, not millions).</summary>
public sealed class TargetFinder(HabeasDb db) : IRecordFinder
{
    public string Kind => "target";

    public async Task<IReadOnlyList<PickerOption>> LabelsAsync(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = await db.CampaignTargets.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        return ids.Where(found.ContainsKey).Select(id => new PickerOption(id, Label(found[id]))).ToList();
    }

    public async Task<IReadOnlyList<PickerOption>> FindAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var words = PickerWords.Of(query);
        if (words.Count == 0)
        {
            return [];
        }
        return (await db.CampaignTargets.AsNoTracking().ToListAsync(cancellationToken))
            .Where(t => PickerWords.AllBegin(words, [t.Title, t.Name, t.Organisation, t.Email]))
            .OrderBy(t => t.DisplayName, StringComparer.CurrentCulture)
            .Take(limit)
            .Select(t => new PickerOption(t.Id, Label(t)))
            .ToList();
    }

    private static string Label(CampaignTarget t) => t.Language is null ? t.DisplayName : $"{t.DisplayName} ({t.Language})";
}
