using Habeas.Campaigns.Actions;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Letters;

/// <summary>An action's letter templates, one form per language (campaign policy).</summary>
public sealed class EditModel(HabeasDb db) : PageModel
{
    public CampaignAction Action { get; private set; } = null!;

    /// <summary>The text and version (0: none yet) of each language shown: those held, the targets' languages, English, Khmer and
    /// Thai.</summary>
    public IReadOnlyList<(string Language, string Text, int Version)> Templates { get; private set; } = [];
    public string? Saved { get; private set; }
    public string? FailedLanguage { get; private set; }

    /// <summary>When the save was refused because someone saved this language's template in between: what they saved (null text:
    /// nothing).</summary>
    public LetterTemplate? SavedByOther { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? saved, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? language, string? text, int? version, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NotFound();
        }
        var result = await LettersApi.SaveAsync(db, id, language, text, version ?? 0, requireVersion: false, cancellationToken);
        if (result.Validation.IsValid && !result.Conflict)
        {
            return Redirect($"/actions/{id}/letters?saved={Uri.EscapeDataString(language!.Trim().ToLowerInvariant())}");
        }
        result.Validation.CopyTo(ModelState);
        await LoadAsync(id, cancellationToken);
        FailedLanguage = language;
        // What was typed stays in its form; on a conflict the form now stands on the version saved by the other editor.
        Templates = Templates
            .Select(t => t.Language == language ? (t.Language, text ?? "", result.Conflict ? t.Version : version ?? 0) : t)
            .ToList();
        if (result.Conflict)
        {
            SavedByOther = result.Current;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
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
        var held = await db
            .LetterTemplates.AsNoTracking()
            .Where(t => t.ActionId == id)
            .ToDictionaryAsync(t => t.Language, cancellationToken);
        var languages = held
            .Keys.Concat(action.Targets.Select(t => t.Target?.Language).OfType<string>())
            .Concat(["en", "km", "th"])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Templates = languages.Select(l => held.TryGetValue(l, out var t) ? (l, t.Text, t.Version) : (l, "", 0)).ToList();
        return true;
    }
}
