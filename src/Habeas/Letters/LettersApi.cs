using Habeas.Api;
using Habeas.Core.Letters;
using Habeas.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Letters;

/// <summary>An action's letter templates, one per language: read with the read policy, changed with the campaign policy.</summary>
public static class LettersApi
{
    public sealed record TemplateDto(string Language, string Text, int Version);
    public sealed record TemplateInput(string? Text);

    public static void Map(RouteGroupBuilder api)
    {
        var letters = api.MapGroup("/actions/{id:guid}/letters").WithTags("Campaigns");
        letters.MapGet("/", ListAsync).WithSummary("The action's letter templates, one per language, with their merge fields ({{salutation}} …).");
        letters.MapPut("/{language}", PutAsync).RequireAuthorization(Accounts.Policies.Campaign)
            .WithSummary("Set the letter template in a language; a merge field that does not exist is refused (400 naming it).");
    }

    private static async Task<IResult> ListAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAction(id);
        }
        var templates = await db.LetterTemplates.AsNoTracking().Where(t => t.ActionId == id).OrderBy(t => t.Language).ToListAsync(cancellationToken);
        return Results.Ok(new { fields = LetterMerge.Fields, items = templates.Select(t => new TemplateDto(t.Language, t.Text, t.Version)) });
    }

    private static async Task<IResult> PutAsync(Guid id, string language, TemplateInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        if (!await db.CampaignActions.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAction(id);
        }
        var (validation, template) = await SaveAsync(db, id, language, input.Text, cancellationToken);
        return validation.IsValid ? Results.Ok(new TemplateDto(template!.Language, template.Text, template.Version)) : validation.Problem();
    }

    /// <summary>Checks and saves a template (the page and the API both come here); nothing is saved when it is refused.</summary>
    public static async Task<(Validation Validation, LetterTemplate? Template)> SaveAsync(HabeasDb db, Guid actionId, string? language, string? text,
        CancellationToken cancellationToken)
    {
        var v = new Validation();
        var tag = language?.Trim().ToLowerInvariant();
        if (tag is null || tag.Length is < 2 or > 8 || !tag.All(c => char.IsAsciiLetterLower(c) || c == '-'))
        {
            v.Add("language", $"'{language}' is not a language tag (en, km, th …).");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add("text", "Write the letter.");
        }
        else if (text.Length > LetterMerge.MaxTemplateLength)
        {
            v.Add("text", $"A letter is at most {LetterMerge.MaxTemplateLength:N0} characters; this has {text.Length:N0}.");
        }
        else if (LetterMerge.UnknownFields(text) is { Count: > 0 } unknown)
        {
            var named = string.Join(", ", unknown.Select(u => u is "{{" or "}}" ? "'" + u + "' (unpaired braces)" : Braced(u)));
            v.Add("text", "There is no merge field " + named + "; use: " + string.Join(", ", LetterMerge.Fields.Select(Braced)) + ".");
        }
        if (!v.IsValid)
        {
            return (v, null);
        }
        var template = await db.LetterTemplates.FirstOrDefaultAsync(t => t.ActionId == actionId && t.Language == tag, cancellationToken);
        if (template is null)
        {
            template = new LetterTemplate { ActionId = actionId, Language = tag!, Text = text!.Trim() };
            db.LetterTemplates.Add(template);
        }
        else
        {
            template.Text = text!.Trim();
        }
        await db.SaveChangesAsync(cancellationToken);
        return (v, template);
    }

    private static string Braced(string field) => "{{" + field + "}}";

    private static IResult NoAction(Guid id) => Results.Problem(statusCode: 404, title: "No such action.", detail: $"There is no action with id {id}.");
}
