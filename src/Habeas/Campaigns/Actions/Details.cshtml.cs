using System.Globalization;
using Habeas.Campaigns.Actions.Numbers;
using Habeas.Core.Charts;
using Habeas.Platform.Accounts;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Actions;

/// <summary>One action: its cases (those the reader may see), targets, further-information updates, what was sent
/// (by channel, target, country and week, as charts with their tables) and the timeline of outreach beside the cases' events.</summary>
public sealed class DetailsModel(HabeasDb db, IAuthorizationService authorization, Texts texts, Vocabularies vocabularies) : PageModel
{
    public ActionsApi.ActionDetail Action { get; private set; } = null!;
    public ActionsApi.Counts Counts { get; private set; } = null!;

    /// <summary>Cards to the prisoner waiting, approved and rejected (letters and cards).</summary>
    public Cards.CardModeration.CardCounts CardCounts { get; private set; } = null!;

    /// <summary>Whether the reader runs campaigns: only then are the forms offered.</summary>
    public bool MayCampaign { get; private set; }
    public IReadOnlyList<ChartView> Charts { get; private set; } = [];
    public ChartView Timeline { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        Action = await ActionsApi.DetailAsync(db, action, cancellationToken);
        Counts = await ActionsApi.CountAsync(db, id, cancellationToken);
        CardCounts = await Cards.CardModeration.CountAsync(db, id, cancellationToken);
        MayCampaign = (await authorization.AuthorizeAsync(User, Policies.Campaign)).Succeeded;
        var targets = Action.Targets.ToDictionary(t => t.Id.ToString(), t => t.DisplayName);
        var count = texts["actions.count"];
        Charts =
        [
            ChartView.Bars(
                "by-channel",
                texts["numbers.byChannel"],
                texts.Format("numbers.byChannelDesc", Action.Code),
                texts["actions.channel"],
                count,
                Counts
                    .ByChannel.OrderByDescending(c => c.Value)
                    .Select(c => new Bar(vocabularies.Label("outreach-channel", c.Key), c.Value))
                    .ToList()
            ),
            ChartView.Bars(
                "by-target",
                texts["numbers.byTarget"],
                texts.Format("numbers.byTargetDesc", Action.Code),
                texts["actions.target"],
                count,
                Counts
                    .ByTarget.OrderByDescending(c => c.Value)
                    .Select(c => new Bar(targets.GetValueOrDefault(c.Key, c.Key), c.Value))
                    .ToList()
            ),
            ChartView.Bars(
                "by-country",
                texts["numbers.byCountry"],
                texts.Format("numbers.byCountryDesc", Action.Code),
                texts["actions.country"],
                count,
                Counts.ByCountry.OrderByDescending(c => c.Value).Select(c => new Bar(c.Key, c.Value)).ToList()
            ),
        ];
        Timeline = ChartView.Weekly(
            "timeline",
            texts["numbers.timeline"],
            texts.Format("numbers.timelineDesc", Action.Code),
            texts["numbers.when"],
            count,
            Counts.ByWeek.ToDictionary(w => DateOnly.ParseExact(w.Key, "yyyy-MM-dd", CultureInfo.InvariantCulture), w => w.Value),
            await MarkersAsync(action, cancellationToken),
            texts
        );
        return Page();
    }

    /// <summary>The cases' events the reader may see, the action's issue, its updates and its close.</summary>
    private async Task<IReadOnlyList<Marker>> MarkersAsync(CampaignAction action, CancellationToken cancellationToken)
    {
        var markers = (await ActionNumbers.CaseEventsAsync(db, action, cancellationToken))
            .Select(e => new Marker(
                e.SortDate!.Value,
                $"{vocabularies.Label("event-type", e.Type)} ({Display.Date(e.Date, texts)})",
                "event"
            ))
            .ToList();
        if (action.IssuedOn is { } issued)
        {
            markers.Add(new Marker(issued, texts.Format("numbers.issued", action.Code, Display.Day(issued)), "update"));
        }
        markers.AddRange(
            action.Updates.Select(u => new Marker(
                u.IssuedOn,
                texts.Format("numbers.update", u.Number, u.WhatChanged, Display.Day(u.IssuedOn)),
                "update"
            ))
        );
        if (action.ClosedOn is { } closed)
        {
            markers.Add(
                new Marker(
                    closed,
                    texts.Format("numbers.closed", vocabularies.Label("action-outcome", action.Outcome), Display.Day(closed)),
                    "close"
                )
            );
        }
        return markers;
    }
}
