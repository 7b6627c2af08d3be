using Habeas.Campaigns.Act;
using Habeas.Campaigns.Actions;
using Habeas.Core.Letters;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Letters;

/// <summary>A supporter's letter to one target: the action's template in the target's language, merged.</summary>
public static class LetterBuilder
{
    public sealed record Letter(string Language, string Text, CampaignTarget Target);

    /// <summary>The letter, or null when the action has no template in the target's language nor in English.</summary>
    public static async Task<Letter?> BuildAsync(
        HabeasDb db,
        PublicAction action,
        CampaignTarget target,
        string? name,
        string? town,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var wanted = target.Language ?? "en";
        var templates = await db.LetterTemplates.AsNoTracking().Where(t => t.ActionId == action.Action.Id).ToListAsync(cancellationToken);
        var template = templates.FirstOrDefault(t => t.Language == wanted) ?? templates.FirstOrDefault(t => t.Language == "en");
        if (template is null)
        {
            return null;
        }
        var language = template.Language;
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LetterMerge.Salutation] = target.Salutation,
            [LetterMerge.TargetTitle] = target.Title,
            [LetterMerge.TargetName] = target.Name,
            [LetterMerge.TargetOrganisation] = target.Organisation,
            [LetterMerge.TargetAddress] = target.PostalAddress,
            // In the target's script when the person has a name in it (សុខ យឿន for a Cambodian official).
            [LetterMerge.PrisonerName] = string.Join(", ", action.Prisoners.Select(p => p.NameFor(language))),
            [LetterMerge.SupporterName] = name?.Trim(),
            [LetterMerge.SupporterTown] = town?.Trim(),
            [LetterMerge.Date] = LetterMerge.FormatDate(today, language),
        };
        return new Letter(language, LetterMerge.Merge(template.Text, values), target);
    }

    /// <summary>The font that has the letter's script (bundled under wwwroot/fonts for the page; named in the .docx).</summary>
    public static string Font(string language) =>
        language switch
        {
            "th" => "Noto Sans Thai",
            "km" => "Noto Sans Khmer",
            _ => "Noto Sans",
        };

    /// <summary>The language tag word processors know the letter's language by.</summary>
    public static string Culture(string language) =>
        language switch
        {
            "th" => "th-TH",
            "km" => "km-KH",
            "en" => "en-GB",
            _ => language,
        };

    /// <summary>Scripts that need complex-script shaping (Khmer and Thai stack and reorder their letters).</summary>
    public static bool IsComplexScript(string language) => language is "th" or "km" or "lo" or "my";
}
