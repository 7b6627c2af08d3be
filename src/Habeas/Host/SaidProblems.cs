using Habeas.Platform.Localization;

namespace Habeas.Host;

/// <summary>
/// RFC 9457 problem details said in the reader's language (the request's culture: ?lang=, the language cookie, then
/// Accept-Language; English by default): the title and detail are text keys, the detail's arguments filled in.
/// </summary>
internal static class SaidProblems
{
    /// <summary>The interface strings, read in the current request's language.</summary>
    public static readonly Texts Texts = new();

    public static IResult Problem(int status, string titleKey, string detailKey, params object?[] args) =>
        Results.Problem(statusCode: status, title: Texts[titleKey], detail: Texts.Format(detailKey, args));

    /// <summary>A problem whose detail is already said (a refusal in the reader's language).</summary>
    public static IResult Said(int status, string titleKey, string detail) =>
        Results.Problem(statusCode: status, title: Texts[titleKey], detail: detail);

    /// <summary>The 404 for an action that does not exist or that the reader may not see.</summary>
    public static IResult NoAction(Guid id) => Problem(404, "actions.problem.notFound", "actions.problem.notFoundDetail", id);

    /// <summary>400 with errors by field that were said already.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: Texts["validation.title"]);
}
