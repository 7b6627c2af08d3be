using Habeas.Campaigns.Actions;
using Habeas.Core.Letters;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Letters;

/// <summary>An action's letter templates, one per language: read with the read policy, changed with the campaign policy.</summary>
public static class LettersApi
{
    public sealed record TemplateDto(string Language, string Text, int Version);

    /// <summary>The text, and the version read (absent or 0 for a language that has no template yet).</summary>
    public sealed record TemplateInput(string? Text, int? Version = null);

    /// <summary>What a save did: refused (Validation), conflicted (Current is what is saved now, null if nothing is), or saved
    /// (Template).</summary>
    public sealed record SaveResult(Validation Validation, LetterTemplate? Template, bool Conflict, LetterTemplate? Current);

    public static void Map(RouteGroupBuilder api)
    {
        var letters = api.MapGroup("/actions/{id:guid}/letters").WithTags("Campaigns");
        letters
            .MapGet("/", ListAsync)
            .WithSummary("The action's letter templates, one per language, with their merge fields ({{salutation}} …).");
        letters
            .MapPut("/{language}", PutAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Campaign)
            .WithSummary(
                "Set the letter template in a language; a merge field that does not exist is refused (400 naming it). "
                    + "Send the version you read when the language has a template (409 when someone saved it since)."
            );
    }

    private static async Task<IResult> ListAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAction(id);
        }
        var templates = await db
            .LetterTemplates.AsNoTracking()
            .Where(t => t.ActionId == id)
            .OrderBy(t => t.Language)
            .ToListAsync(cancellationToken);
        return Results.Ok(
            new { fields = LetterMerge.Fields, items = templates.Select(t => new TemplateDto(t.Language, t.Text, t.Version)) }
        );
    }

    private static async Task<IResult> PutAsync(
        Guid id,
        string language,
        TemplateInput input,
        HabeasDb db,
        CancellationToken cancellationToken
    )
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAction(id);
        }
        var result = await SaveAsync(db, id, language, input.Text, input.Version, requireVersion: true, cancellationToken);
        if (!result.Validation.IsValid)
        {
            return result.Validation.Problem();
        }
        if (result.Conflict)
        {
            var since = result.Current is null ? null : await Saving.SavedSinceAsync(db, result.Current, input.Version, cancellationToken);
            return Saving.ConflictProblem(since, "letter-template", input.Version);
        }
        return Results.Ok(new TemplateDto(result.Template!.Language, result.Template.Text, result.Template.Version));
    }

    /// <summary>
    /// Checks and saves a template (the page and the API both come here); nothing is saved when it is refused or when
    /// the template has moved on from <paramref name="version"/> (0 or absent: the language had no template when read).
    /// The API must send the version of a template that exists (<paramref name="requireVersion"/>).
    /// </summary>
    public static async Task<SaveResult> SaveAsync(
        HabeasDb db,
        Guid actionId,
        string? language,
        string? text,
        int? version,
        bool requireVersion,
        CancellationToken cancellationToken
    )
    {
        var v = new Validation();
        var tag = language?.Trim().ToLowerInvariant();
        if (tag is null || tag.Length is < 2 or > 8 || !tag.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            v.Add("language", "campaigns.error.languageTag", language);
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add("text", "letters.error.textRequired");
        }
        else if (text.Length > LetterMerge.MaxTemplateLength)
        {
            v.Add("text", "letters.error.tooLong", Display.Number(LetterMerge.MaxTemplateLength), Display.Number(text.Length));
        }
        else if (LetterMerge.UnknownFields(text) is { Count: > 0 } unknown)
        {
            var named = string.Join(
                ", ",
                unknown.Select(u => u is "{{" or "}}" ? Habeas.Platform.Api.Problems.Texts.Format("letters.error.unpaired", u) : Braced(u))
            );
            v.Add("text", "letters.error.unknownField", named, string.Join(", ", LetterMerge.Fields.Select(Braced)));
        }
        if (version is < 0)
        {
            v.Add("version", "letters.error.version");
        }
        if (!v.IsValid)
        {
            return new SaveResult(v, null, false, null);
        }
        var template = await db.LetterTemplates.FirstOrDefaultAsync(t => t.ActionId == actionId && t.Language == tag, cancellationToken);
        if (template is null)
        {
            if (version is > 0)
            {
                return new SaveResult(v, null, true, null);
            }
            template = new LetterTemplate
            {
                ActionId = actionId,
                Language = tag!,
                Text = text!.Trim(),
            };
            db.LetterTemplates.Add(template);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone else made this language's template at the same moment (one per action and language).
                db.ChangeTracker.Clear();
                var current = await db
                    .LetterTemplates.AsNoTracking()
                    .FirstOrDefaultAsync(t => t.ActionId == actionId && t.Language == tag, cancellationToken);
                if (current is null)
                {
                    throw;
                }
                return new SaveResult(v, null, true, current);
            }
            return new SaveResult(v, template, false, null);
        }
        if (version is null && requireVersion)
        {
            v.Add("version", "letters.error.versionRequired", tag, template.Version);
            return new SaveResult(v, null, false, null);
        }
        var trimmed = text!.Trim();
        if (!await Saving.TrySaveAsync(db, template, version ?? 0, () => template.Text = trimmed, cancellationToken))
        {
            db.ChangeTracker.Clear();
            var current = await db
                .LetterTemplates.AsNoTracking()
                .FirstOrDefaultAsync(t => t.ActionId == actionId && t.Language == tag, cancellationToken);
            return new SaveResult(v, null, true, current);
        }
        return new SaveResult(v, template, false, null);
    }

    private static string Braced(string field) => "{{" + field + "}}";

    private static IResult NoAction(Guid id) => Habeas.Platform.Api.Problems.NotFound("action", id);
}
