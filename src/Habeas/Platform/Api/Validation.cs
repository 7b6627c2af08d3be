using System.Globalization;
using Habeas.Core.Dates;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Habeas.Platform.Api;

/// <summary>
/// Collects what is wrong with an input, keyed by the field's path as the API names it
/// ("names[0].text"); forms show the same messages beside the same fields.
/// </summary>
public sealed class Validation
{
    private static readonly Lazy<Localization.Texts> Strings = new(() => new Localization.Texts());

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>The reader-language form of some messages (key and arguments in Localization/*.json), for the forms.</summary>
    private readonly Dictionary<(string Field, string Message), (string Key, object?[] Args)> _localized = [];

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }

    /// <summary>An error the API gives in English and a form in the reader's language (<paramref name="key"/> in
    /// Localization/*.json, formatted with <paramref name="args"/>).</summary>
    public void Add(string field, string message, string key, params object?[] args)
    {
        Add(field, message);
        _localized[(field, message)] = (key, args);
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
            string.Create(CultureInfo.InvariantCulture, $"{field}: too many {limit.Noun}, at most {limit.Max}; this has {count:N0}."),
            "validation.tooMany",
            field,
            "limits." + limit.Key,
            limit.Max,
            count
        );
        return false;
    }

    /// <summary>A one-line field: no line breaks, control, bidi or invisible characters (<see cref="Core.Text.TypedText"/>).</summary>
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
        var what = problem switch
        {
            Core.Text.TypedText.Problem.LineBreak => "a line break",
            Core.Text.TypedText.Problem.Bidi => "a bidi control character",
            Core.Text.TypedText.Problem.Invisible => "an invisible character",
            _ => "a control character",
        };
        Add(
            field,
            string.Create(
                CultureInfo.InvariantCulture,
                $"{label} ({field}) holds {what} ({code}) at position {index + 1}: write it {(multiline ? "without it" : "on one line, without it")}."
            ),
            "validation.character." + problem.ToString().ToLowerInvariant(),
            field,
            code,
            index + 1
        );
    }

    public void Required(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{label} is required.");
        }
    }

    public void MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"{label} is too long: at most {max} characters, this has {value.Length}.");
        }
    }

    /// <summary>Parses an optional fuzzy date; an unreadable one is an error naming the field.</summary>
    public FuzzyDate? Date(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (FuzzyDate.TryParse(value, out var date, out var error))
        {
            return date;
        }
        Add(
            field,
            $"{label}: {error?.TrimEnd('.')}. Write a year (1999), a month (1999-12) or a day (1999-12-15); add ~ if approximate, ? if uncertain."
        );
        return null;
    }

    public void Range(string field, int? value, int min, int max, string label)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, string.Create(CultureInfo.InvariantCulture, $"{label} must be between {min} and {max}."));
        }
    }

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
                Add(field, $"{label} is required.");
            }
            return;
        }
        if (!vocabularies.IsValid(vocabulary, code))
        {
            var allowed = string.Join(", ", vocabularies.Terms(vocabulary).Select(t => t.Code));
            Add(field, $"{label} '{code}' is not one of: {allowed}.");
        }
    }

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Every message, in the reader's language where it has one (for a form that shows them in one place).</summary>
    public IEnumerable<string> Messages => _errors.SelectMany(e => e.Value.Select(m => Localized(e.Key, m)));

    public IResult Problem() =>
        Results.ValidationProblem(Errors, title: "Some fields are not valid.", detail: string.Join(" ", _errors.SelectMany(e => e.Value)));

    /// <summary>Copies the errors to a form's model state, "names[0].text" becoming "Input.Names[0].Text".</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        foreach (var (field, messages) in _errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError($"{prefix}.{FormPath(field)}", Localized(field, message));
            }
        }
    }

    private string Localized(string field, string message)
    {
        if (!_localized.TryGetValue((field, message), out var localized) || Localization.Texts.CurrentLanguage == "en")
        {
            return message;
        }
        var texts = Strings.Value;
        // A key among the arguments ("limits.names") is itself said in the reader's language.
        var args = localized.Args.Select(a => a is string s && s.StartsWith("limits.", StringComparison.Ordinal) ? texts[s] : a).ToArray();
        return string.Format(CultureInfo.CurrentCulture, texts[localized.Key], args);
    }

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
        validation.Range("limit", limit, 1, MaxLimit, "limit");
        validation.Range("offset", offset, 0, int.MaxValue, "offset");
        return validation.IsValid ? null : validation;
    }
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);
