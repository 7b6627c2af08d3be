using System.Globalization;

namespace Habeas.Platform.Api;

/// <summary>
/// RFC 9457 problem details in the reader's language (the request culture: ?lang=, the language cookie, then
/// Accept-Language; English by default). Titles and details are text keys and their arguments, as in
/// <see cref="Validation"/>; a <see cref="Validation.Label"/> argument is said in that language too. Record types are
/// named by <see cref="Noun"/> ("noun.person"), never by their code.
/// </summary>
public static class Problems
{
    private static readonly Lazy<Localization.Texts> Strings = new(() => new Localization.Texts());

    /// <summary>A problem whose title and detail are text keys; <paramref name="args"/> fill both.</summary>
    public static IResult Problem(
        int status,
        string titleKey,
        string? detailKey = null,
        object?[]? args = null,
        IDictionary<string, object?>? extensions = null
    ) =>
        Results.Problem(
            statusCode: status,
            title: Say(titleKey, args ?? []),
            detail: detailKey is null ? null : Say(detailKey, args ?? []),
            extensions: extensions
        );

    /// <summary>404: "No such person." / "There is no person with id …", the record type named in the reader's language.</summary>
    public static IResult NotFound(string recordType, Guid id) =>
        Problem(StatusCodes.Status404NotFound, "problem.notFound.title", "problem.notFound.detail", [Noun(recordType), id]);

    /// <summary>404 for something named by a text (a vocabulary, a token) rather than an id.</summary>
    public static IResult NotFoundNamed(string recordType, string name) =>
        Problem(StatusCodes.Status404NotFound, "problem.notFound.title", "problem.notFound.named", [Noun(recordType), name]);

    /// <summary>The name of a record type in the reader's language ("person", "case" …), lower case where the language
    /// has case; the type itself when it has no noun yet (never a "[key]").</summary>
    public static object Noun(string recordType) =>
        Localization.Texts.Has("noun." + recordType) ? new Validation.Label("noun." + recordType) : recordType;

    /// <summary>A text key and its arguments given as an argument of another: said in the reader's language when read.</summary>
    public sealed record Phrase(string Key, params object?[] Args)
    {
        public override string ToString() => Say(Key, Args);
    }

    /// <summary>Items said one after the other, "Family contacts (family-contacts), Health (health)", each in the
    /// reader's language when read (a <see cref="Validation.Label"/> or a <see cref="Phrase"/>).</summary>
    public sealed record Listing(IReadOnlyList<object?> Items)
    {
        public override string ToString() => string.Join(", ", Items);
    }

    /// <summary>The labels of codes, each followed by its code: for a message that names what the API accepts.</summary>
    public static Listing LabelledCodes(IEnumerable<string> codes, Func<string, string> key) =>
        new([.. codes.Select(c => (object?)new Phrase("problem.labelledCode", new Validation.Label(key(c)), c))]);

    /// <summary>The terms of a vocabulary by their labels, each with its code: "Arrest (arrest), Hearing (hearing) …".</summary>
    public static Listing Terms(Vocabulary.Vocabularies vocabularies, string vocabulary) =>
        new([
            .. vocabularies
                .Terms(vocabulary)
                .Select(t => (object?)new Phrase("problem.labelledCode", new Term(vocabularies, vocabulary, t.Code), t.Code)),
        ]);

    /// <summary>The label of a term, in the reader's language when read.</summary>
    public sealed record Term(Vocabulary.Vocabularies Vocabularies, string Vocabulary, string Code)
    {
        public override string ToString() => Vocabularies.Label(Vocabulary, Code);
    }

    /// <summary>The interface strings, read in the current request's language (for messages said before they are given).</summary>
    public static Localization.Texts Texts => Strings.Value;

    /// <summary>A problem whose title and detail are text keys, the arguments filling both.</summary>
    public static IResult Said(int status, string titleKey, string detailKey, params object?[] args) =>
        Problem(status, titleKey, detailKey, args);

    /// <summary>A problem whose detail is already said (a refusal in the reader's language).</summary>
    public static IResult SaidAs(int status, string titleKey, string detail) =>
        Results.Problem(statusCode: status, title: Say(titleKey), detail: detail);

    /// <summary>400 with errors by field that were said already.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: Say("validation.title"));

    /// <summary>A text key with its arguments, in the reader's language.</summary>
    public static string Say(string key, params object?[] args) =>
        args.Length == 0 ? Strings.Value[key] : string.Format(CultureInfo.CurrentCulture, Strings.Value[key], args);
}
