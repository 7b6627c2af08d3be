using System.Globalization;
using Habeas.Core.Dates;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Habeas.Api;

/// <summary>
/// Collects what is wrong with an input, keyed by the field's path as the API names it
/// ("names[0].text"); forms show the same messages beside the same fields.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
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
        Add(field, $"{label}: {error?.TrimEnd('.')}. Write a year (1999), a month (1999-12) or a day (1999-12-15); add ~ if approximate, ? if uncertain.");
        return null;
    }

    public void Range(string field, int? value, int min, int max, string label)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, string.Create(CultureInfo.InvariantCulture, $"{label} must be between {min} and {max}."));
        }
    }

    public void Term(string field, string? code, Vocabulary.Vocabularies vocabularies, string vocabulary, string label, bool required = false)
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

    public IResult Problem() => Results.ValidationProblem(Errors, title: "Some fields are not valid.", detail: string.Join(" ", _errors.SelectMany(e => e.Value)));

    /// <summary>Copies the errors to a form's model state, "names[0].text" becoming "Input.Names[0].Text".</summary>
    public void CopyTo(ModelStateDictionary modelState, string prefix = "Input")
    {
        foreach (var (field, messages) in _errors)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError($"{prefix}.{FormPath(field)}", message);
            }
        }
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
