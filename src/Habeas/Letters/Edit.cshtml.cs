using Habeas.Campaigns;
using Habeas.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Letters;

/// <summary>An action's letter templates, one form per language (campaign policy).</summary>
public sealed class EditModel(HabeasDb db) : PageModel
{
    public CampaignAction Action { get; private set; } = null!;
    /// <summary>The text of each language shown: those held, the targets' languages, English, Khmer and Thai.</summary>
    public IReadOnlyList<(string Language, string Text)> Templates { get; private set; } = [];
    public string? Saved { get; private set; }
    public string? FailedLanguage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? language, string? text, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var (validation, _) = await LettersApi.SaveAsync(db, id, language, text, cancellationToken);
        if (validation.IsValid)
        {
            return Redirect($"/actions/{id}/letters?saved={Uri.EscapeDataString(language!.Trim().ToLowerInvariant())}");
        }
        validation.CopyTo(ModelState);
        await LoadAsync(id, cancellationToken);
        FailedLanguage = language;
        Templates = Templates.Select(t => t.Language == language ? (t.Language, text ?? "") : t).ToList();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null)
        {
            return false;
        }
        Action = action;
        var held = await db.LetterTemplates.AsNoTracking().Where(t => t.ActionId == id).ToDictionaryAsync(t => t.Language, t => t.Text, cancellationToken);
        var languages = held.Keys.Concat(action.Targets.Select(t => t.Target?.Language).OfType<string>()).Concat(["en", "km", "th"])
            .Distinct(StringComparer.Ordinal).ToList();
        Templates = languages.Select(l => (l, held.GetValueOrDefault(l, ""))).ToList();
        return true;
    }
}
