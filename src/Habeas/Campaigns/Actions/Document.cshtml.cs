using System.Globalization;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Actions;

/// <summary>
/// An action as the document a coordinator sends to the network: reference, the people and their cases (those the
/// reader may see), concerns, the appeal and recommended actions in the chosen language, the officials to write to
/// with their addresses and salutations, the act-by date, and the further information issued. Print-ready (A4).
/// </summary>
public sealed class DocumentModel(HabeasDb db) : PageModel
{
    public ActionsApi.ActionDetail Action { get; private set; } = null!;

    /// <summary>The people of the action's cases the reader may see, by display name.</summary>
    public IReadOnlyList<string> People { get; private set; } = [];

    /// <summary>The language the appeal and recommended actions are shown in.</summary>
    public string Language { get; private set; } = "en";
    public IReadOnlyList<string> Languages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, string? @in, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        Action = await ActionsApi.DetailAsync(db, action, cancellationToken);
        var caseIds = Action.Cases.Select(c => c.Id).ToList();
        var personIds = await db.Set<Habeas.Records.Cases.CaseParticipant>()
            .AsNoTracking()
            .Where(r => caseIds.Contains(r.CaseId))
            .Select(r => r.PersonId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var people = await db
            .People.AsNoTracking()
            .Where(p => personIds.Contains(p.Id))
            .Include(p => p.Names)
            .ToListAsync(cancellationToken);
        Languages = Action
            .AppealText.Keys.Concat(Action.RecommendedActions.Keys)
            .Select(l => l.ToLowerInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Language = @in is not null && Languages.Contains(@in) ? @in : CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        People = people.Select(p => p.NameFor(Language)).Order(StringComparer.Ordinal).ToList();
        return Page();
    }

    /// <summary>The text in the chosen language, else English, else any language held.</summary>
    public string Text(IReadOnlyDictionary<string, string> texts) =>
        texts.TryGetValue(Language, out var text) ? text
        : texts.TryGetValue("en", out text) ? text
        : texts.Values.FirstOrDefault() ?? "";
}
