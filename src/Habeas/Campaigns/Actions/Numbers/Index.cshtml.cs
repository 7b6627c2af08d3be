using Habeas.Core.Charts;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Actions.Numbers;

/// <summary>Across actions: how many closed ones ended in release or improvement, how long they took, counts by kind and
/// status, and what was sent for each action. Actions' own data only: no case is named.</summary>
public sealed class IndexModel(HabeasDb db, Texts texts, Vocabularies vocabularies) : PageModel
{
    public ActionNumbers.Across Numbers { get; private set; } = null!;
    public IReadOnlyList<ChartView> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Numbers = await ActionNumbers.AcrossAsync(db, cancellationToken);
        var count = texts["actions.count"];
        Charts =
        [
            ChartView.Bars(
                "by-outcome",
                texts["numbers.byOutcome"],
                texts["numbers.byOutcomeDesc"],
                texts["actions.outcome"],
                count,
                Numbers.ByOutcome.Select(o => new Bar(vocabularies.Label("action-outcome", o.Key), o.Value)).ToList()
            ),
            ChartView.Bars(
                "by-kind",
                texts["numbers.byKind"],
                texts["numbers.byKindDesc"],
                texts["actions.kind"],
                count,
                Numbers.ByKind.Select(k => new Bar(vocabularies.Label("action-kind", k.Key), k.Value)).ToList()
            ),
            ChartView.Bars(
                "by-status",
                texts["numbers.byStatus"],
                texts["numbers.byStatusDesc"],
                texts["actions.status"],
                count,
                Numbers.ByStatus.Where(s => s.Value > 0).Select(s => new Bar(texts[$"actions.status.{s.Key}"], s.Value)).ToList()
            ),
            ChartView.Bars(
                "outreach-per-action",
                texts["numbers.perAction"],
                texts["numbers.perActionDesc"],
                texts["actions.code"],
                count,
                Numbers.Outreach.Where(a => a.Total > 0).Take(30).Select(a => new Bar(a.Code, a.Total)).ToList()
            ),
        ];
    }

    public string Days(double? days) => days is { } d ? texts.Plural("numbers.days", (long)Math.Round(d)) : "–";
}
