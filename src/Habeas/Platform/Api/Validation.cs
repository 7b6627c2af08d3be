using System.Globalization;
using Habeas.Core.Dates;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Habeas.Platform.Api;

/// <summary>
/// Collects what is wrong with an input, keyed by the field's path as the API names it ("names[0].text"); forms show
/// the same messages beside the same fields. Every message is a text key (Localization/translations) and its
/// arguments, said in the reader's language when read: a form's language, or the API's Accept-Language (English by
/// default). An argument that is a <see cref="Label"/> is itself a key, said in that language too.
/// </summary>
public sealed class Validation
{
    private static readonly Lazy<Localization.Texts> Strings = new(() => new Localization.Texts());

    private readonly List<(string Field, string Key, object?[] Args)> _errors = [];

    /// <summary>A text key given as an argument: the label of a field, a noun, a term, said in the reader's language.</summary>
    public readonly record struct Label(string Key)
    {
        public override string ToString() => Strings.Value[Key];
    }

    public bool IsValid => _errors.Count == 0;

    /// <summary>An error on <paramref name="field"/>: the text of <paramref name="key"/> with <paramref name="args"/>.</summary>
    public void Add(string field, string key, params object?[] args)
    {
#if DEBUG
        // A message must be a key: an English sentence here would reach a Khmer reader as "[…]". Release builds show it so.
        if (!Localization.Texts.Has(key))
        {
            throw new ArgumentException($"'{key}' is not a text key in habeas.pot.", nameof(key));
        }
        foreach (var label in args.OfType<Label>().Where(l => !Localization.Texts.Has(l.Key)))
        {
            throw new ArgumentException($"The label '{label.Key}' is not a text key in habeas.pot.", nameof(args));
        }
#endif
        _errors.Add((field, key, args));
    }

    /// <summary>Checks a collection against its maximum (<see cref="InputLimits"/>); false (and an error naming the
    /// field) when it holds more, so the caller skips looking at its items one by one.</summary>
    public bool Count(string field, int count, InputLimits.Limit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        if (count <= limit.Max)
        {
            return true;
        }
        Add(
            field,
            "validation.tooMany",
            field,
            new Label("limits." + limit.Key),
            Localization.Display.Number(limit.Max),
            Localization.Display.Number(count)
        );
        return false;
    }

    /// <summary>A one-line field: no line breaks, control, bidi or invisible characters (<see cref="Core.Text.TypedText"/>).
    /// <paramref name="label"/> is the text key of the field's name, as are the labels of every check below.</summary>
    public void SingleLine(string field, string? value, string label) => Characters(field, value, label, multiline: false);

    /// <summary>Multi-line text: line breaks allowed; control and bidi embedding characters are not.</summary>
    public void MultiLine(string field, string? value, string label) => Characters(field, value, label, multiline: true);

    /// <summary>A one-line field of at most <paramref name="max"/> characters.</summary>
    public void Line(string field, string? value, int max, string label)
    {
        MaxLength(field, value, max, label);
        SingleLine(field, value, label);
    }

    private void Characters(string field, string? value, string label, bool multiline)
    {
        var (problem, index, character) = Core.Text.TypedText.Find(value, multiline);
        if (problem == Core.Text.TypedText.Problem.None)
        {
            return;
        }
        var code = string.Create(CultureInfo.InvariantCulture, $"U+{(int)character:X4}");
        Add(field, "validation.character." + problem.ToString().ToLowerInvariant(), new Label(label), code, index + 1);
    }

    public void Required(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "validation.required", new Label(label));
        }
    }

    public void MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, "validation.tooLong", new Label(label), max, value.Length);
        }
    }

    /// <summary>Parses an optional fuzzy date; an unreadable one is an error naming the field and what is wrong.</summary>
    public FuzzyDate? Date(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (FuzzyDate.TryParse(value, out var date, out _))
        {
            return date;
        }
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        var (problem, year, month, days) = FuzzyDate.Diagnose(value);
        switch (problem)
        {
            case FuzzyDate.Problem.Year:
                Add(field, "validation.date.year", new Label(label), shown, FuzzyDate.MinYear, FuzzyDate.MaxYear);
                break;
            case FuzzyDate.Problem.Month:
                Add(field, "validation.date.month", new Label(label), shown);
                break;
            case FuzzyDate.Problem.Day:
                Add(field, "validation.date.day", new Label(label), shown);
                break;
            case FuzzyDate.Problem.DaysInMonth:
                Add(field, "validation.date.daysInMonth", new Label(label), shown, new MonthOf(year, month), days);
                break;
            default:
                Add(field, "validation.date", new Label(label), shown);
                break;
        }
        return null;
    }

    /// <summary>"February 1985" ("ខែកុម្ភៈ 1985") as the reader writes it, when the message is said.</summary>
    private sealed record MonthOf(int Year, int Month)
    {
        public override string ToString() => Localization.Display.Date(FuzzyDate.OfMonth(Year, Month), Strings.Value);
    }

    public void Range(string field, int? value, int min, int max, string label)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, "validation.range", new Label(label), min, max);
        }
    }

    /// <summary>A code of a vocabulary; the message lists the terms allowed by their labels in the reader's language.</summary>
    public void Term(
        string field,
        string? code,
        Vocabulary.Vocabularies vocabularies,
        string vocabulary,
        string label,
        bool required = false
    )
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (required)
            {
                Add(field, "validation.required", new Label(label));
            }
            return;
        }
        if (!vocabularies.IsValid(vocabulary, code))
        {
            Add(field, "validation.term", new Label(label), code, new Choices(vocabularies, vocabulary));
        }
    }

    /// <summary>The terms of a vocabulary, "Arrest (arrest), Hearing (hearing) …", in the language of the moment it is said.</summary>
    private sealed record Choices(Vocabulary.Vocabularies Vocabularies, string Vocabulary)
    {
        public override string ToString() =>
            string.Join(", ", Vocabularies.Terms(Vocabulary).Take(40).Select(t => $"{Vocabularies.Label(Vocabulary, t.Code)} ({t.Code})"));
    }

    /// <summary>The errors by field, in the reader's language.</summary>
    public IDictionary<string, string[]> Errors =>
        _errors
            .GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(Say).ToArray(), StringComparer.Ordinal);

    /// <summary>Every message, in the reader's language (for a form that shows them in one place).</summary>
    public IEnumerable<string> Messages => _errors.Select(Say);

    /// <summary>The keys of the errors, for tests and for callers that react to one kind of error.</summary>
    public IEnumerable<(string Field, string Key)> Keys => _errors.Select(e => (e.Field, e.Key));

    public IResult Problem() =>
        Results.ValidationProblem(Errors, title: Strings.Value["validation.title"], detail: string.Join(" ", Messages));

    /// <summary>Copies the errors to a form's model state, "names[0].text" becoming "Input.Names[0].Text".</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        foreach (var error in _errors)
        {
            modelState.AddModelError($"{prefix}.{FormPath(error.Field)}", Say(error));
        }
    }

    private static string Say((string Field, string Key, object?[] Args) error) =>
        string.Format(CultureInfo.CurrentCulture, Strings.Value[error.Key], error.Args);

    public static string FormPath(string apiPath) =>
        string.Join('.', apiPath.Split('.').Select(s => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..]));
}

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>Checks limit and offset; null when both are acceptable.</summary>
    public static Validation? Check(int? limit, int? offset)
    {
        var validation = new Validation();
        validation.Range("limit", limit, 1, MaxLimit, "validation.label.limit");
        validation.Range("offset", offset, 0, int.MaxValue, "validation.label.offset");
        return validation.IsValid ? null : validation;
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
