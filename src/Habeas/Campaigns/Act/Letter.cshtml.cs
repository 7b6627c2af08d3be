using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Letters;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Act;

/// <summary>
/// A supporter's letter (anonymous): the action's template in the target's language, filled with their name and
/// town, print-ready on A4, with the .docx and the "I have sent it" form. Bad input re-shows the builder.
/// </summary>
public sealed class LetterModel(HabeasDb db, Texts texts, TimeProvider time, SentTokens tokens) : PageModel
{
    public PublicAction Action { get; private set; } = null!;
    public LetterForm Form { get; private set; } = null!;
    public LetterBuilder.Letter? Letter { get; private set; }
    public string? SentToken { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? target, string? name, string? town, CancellationToken cancellationToken)
    {
        var action = await PublicAction.LoadAsync(db, id, cancellationToken, open: true);
        if (action is null)
        {
            return NotFound();
        }
        Action = action;
        Form = new LetterForm
        {
            ActionId = id,
            Targets = action.Targets,
            Target = target,
            Name = name,
            Town = town,
        };
        if (!Form.Validate(texts))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Letter = await LetterBuilder.BuildAsync(db, action, action.Target(target)!, name, town, time.Today(), cancellationToken);
        if (Letter is null)
        {
            Form.Errors["target"] = texts["act.letter.noTemplate"];
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        SentToken = tokens.Issue(id, Letter.Target.Id, Letter.Language);
        return Page();
    }

    /// <summary>The .docx of the same letter (GET /act/{id}/letter.docx?target=…&amp;name=…&amp;town=…).</summary>
    public static async Task<IResult> DocxAsync(
        Guid id,
        Guid? target,
        string? name,
        string? town,
        HabeasDb db,
        Texts texts,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var action = await PublicAction.LoadAsync(db, id, cancellationToken, open: true);
        if (action is null)
        {
            return Results.NotFound();
        }
        var form = new LetterForm
        {
            ActionId = id,
            Targets = action.Targets,
            Target = target,
            Name = name,
            Town = town,
        };
        if (!form.Validate(texts))
        {
            return Results.ValidationProblem(form.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }
        var letter = await LetterBuilder.BuildAsync(db, action, action.Target(target)!, name, town, time.Today(), cancellationToken);
        if (letter is null)
        {
            return Results.NotFound();
        }
        var file =
            $"letter-{new string(action.Action.Code.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray())}-{letter.Language}.docx";
        return Results.File(LetterDocx.Write(letter), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", file);
    }

    /// <summary>A language named in the reader's language ("Thai", "ភាសាថៃ").</summary>
    public static string LanguageName(string language, Texts texts) =>
        texts[$"language.{language}"] is var name && !name.StartsWith('[') ? name : language;

    public string DocxUrl => $"/act/{Action.Action.Id}/letter.docx{Request.QueryString}";

    public CampaignTarget Target => Letter!.Target;
}
