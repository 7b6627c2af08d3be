namespace Habeas.Core.Import;

/// <summary>Which record a field belongs to.</summary>
public enum FieldGroup
{
    Person,
    Event,
    Source,
}

/// <summary>A Habeas field a column can be mapped to: "birthDate", "name:alias", "biography.km", "event2.date", "source1.url".</summary>
/// <param name="Group">The person, one of their events, or one of the sources cited for them.</param>
/// <param name="Number">For events and sources: which one (1, 2, …); 0 for the person.</param>
/// <param name="Name">The field of that record ("date", "name", "biography").</param>
/// <param name="Qualifier">The name kind of "name:alias", the language of "biography.km", else null.</param>
public sealed record ImportField(FieldGroup Group, int Number, string Name, string? Qualifier)
{
    public override string ToString() =>
        Group switch
        {
            FieldGroup.Event => $"event{Number}.{Name}",
            FieldGroup.Source => $"source{Number}.{Name}",
            _ => Qualifier is null ? Name
            : Name == "name" ? $"name:{Qualifier}"
            : $"{Name}.{Qualifier}",
        };
}

/// <summary>The fields an import knows (docs/import.md has what each holds).</summary>
public static class ImportFields
{
    public static readonly IReadOnlyList<string> Person =
    [
        "id",
        "externalId",
        "name",
        "sex",
        "birthDate",
        "reportedAge",
        "reportedAgeOn",
        "nationality",
        "ethnicity",
        "occupation",
        "tags",
        "level",
    ];

    public static readonly IReadOnlyList<string> Event =
    [
        "externalId",
        "type",
        "date",
        "endDate",
        "place",
        "description",
        "decision",
        "releaseReason",
        "sentence",
        "sentenceYears",
        "sentenceMonths",
        "sentenceDays",
        "suspendedYears",
        "suspendedMonths",
        "suspendedDays",
        "fine",
        "level",
    ];

    public static readonly IReadOnlyList<string> Source =
    [
        "title",
        "url",
        "date",
        "publisher",
        "author",
        "kind",
        "language",
        "page",
        "quote",
    ];

    /// <summary>At most this many events and sources per row: event1 … event20.</summary>
    public const int MaxNumber = 20;

    public static ImportField? Parse(string field)
    {
        if (TryNumbered(field, "event", Event, out var number, out var name))
        {
            return new ImportField(FieldGroup.Event, number, name!, null);
        }
        if (TryNumbered(field, "source", Source, out number, out name))
        {
            return new ImportField(FieldGroup.Source, number, name!, null);
        }
        if (field.StartsWith("name:", StringComparison.Ordinal) && field.Length > 5)
        {
            return new ImportField(FieldGroup.Person, 0, "name", field[5..]);
        }
        if (field.StartsWith("biography.", StringComparison.Ordinal) && field.Length is > 10 and <= 18)
        {
            return new ImportField(FieldGroup.Person, 0, "biography", field[10..]);
        }
        return Person.Contains(field, StringComparer.Ordinal) ? new ImportField(FieldGroup.Person, 0, field, null) : null;
    }

    private static bool TryNumbered(string field, string prefix, IReadOnlyList<string> names, out int number, out string? name)
    {
        number = 0;
        name = null;
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var dot = field.IndexOf('.', StringComparison.Ordinal);
        if (
            dot <= prefix.Length
            || !int.TryParse(
                field.AsSpan(prefix.Length, dot - prefix.Length),
                System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture,
                out number
            )
            || number < 1
            || number > MaxNumber
        )
        {
            return false;
        }
        name = field[(dot + 1)..];
        return names.Contains(name, StringComparer.Ordinal);
    }

    /// <summary>The fields offered when mapping headers by hand: the person's, names of each kind, three events and two sources.</summary>
    public static IReadOnlyList<string> Offered(IEnumerable<string> nameKinds, IEnumerable<string> languages)
    {
        var list = new List<string>();
        list.AddRange(Person.Take(3));
        list.AddRange(nameKinds.Where(k => k != "primary").Select(k => $"name:{k}"));
        list.AddRange(Person.Skip(3));
        list.AddRange(languages.Select(l => $"biography.{l}"));
        for (var i = 1; i <= 3; i++)
        {
            list.AddRange(Event.Select(f => $"event{i}.{f}"));
        }
        for (var i = 1; i <= 2; i++)
        {
            list.AddRange(Source.Select(f => $"source{i}.{f}"));
        }
        return list;
    }
}
