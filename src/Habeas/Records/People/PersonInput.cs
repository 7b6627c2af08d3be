using Habeas.Core.Names;
using Habeas.Platform.Api;
using Habeas.Platform.Shared;
using Habeas.Platform.Vocabulary;

namespace Habeas.Records.People;

/// <summary>What a form or an API call may set on a person. A person needs only one name.</summary>
public sealed class PersonInput
{
    /// <summary>Shorthand for one primary name.</summary>
    public string? Name { get; set; }
    public List<NameInput> Names { get; set; } = [];
    public string? Sex { get; set; }
    public string? BirthDate { get; set; }
    public int? ReportedAge { get; set; }
    public string? ReportedAgeOn { get; set; }
    public string? Nationality { get; set; }
    public string? Ethnicity { get; set; }
    public string? Occupation { get; set; }
    public Dictionary<string, string?> Biography { get; set; } = [];
    public List<string> Tags { get; set; } = [];

    /// <summary>The version the editor started from; a save from an older version is a conflict.</summary>
    /// <summary>public, internal or restricted (Access.RecordLevels); unchanged when not sent, internal for a new record.</summary>
    public string? Level { get; set; }
    public int? Version { get; set; }

    public sealed class NameInput
    {
        public string? Text { get; set; }
        public string? Kind { get; set; }
        public string? FamilyName { get; set; }
        public string? GivenName { get; set; }
        public string? Language { get; set; }
    }

    public static PersonInput From(Person person) =>
        new()
        {
            Names = person
                .Names.OrderBy(n => n.SortOrder)
                .Select(n => new NameInput
                {
                    Text = n.Text,
                    Kind = n.Kind,
                    FamilyName = n.FamilyName,
                    GivenName = n.GivenName,
                    Language = n.Language,
                })
                .ToList(),
            Sex = person.Sex,
            BirthDate = person.BirthDate?.ToString(),
            ReportedAge = person.ReportedAge,
            ReportedAgeOn = person.ReportedAgeOn?.ToString(),
            Nationality = person.Nationality,
            Ethnicity = person.Ethnicity,
            Occupation = person.Occupation,
            Biography = person.Biography.ToDictionary(b => b.Key, b => (string?)b.Value),
            Tags = person.Tags.Select(t => t.Tag).ToList(),
            Level = person.Level,
            Version = person.Version,
        };

    /// <summary>The names actually given (blank form rows dropped), the shorthand name first.</summary>
    public IEnumerable<(int Index, NameInput Name)> GivenNames()
    {
        if (!string.IsNullOrWhiteSpace(Name))
        {
            yield return (-1, new NameInput { Text = Name, Kind = NameKinds.Primary });
        }
        for (var i = 0; i < Names.Count; i++)
        {
            if (
                !string.IsNullOrWhiteSpace(Names[i].Text)
                || !string.IsNullOrWhiteSpace(Names[i].FamilyName)
                || !string.IsNullOrWhiteSpace(Names[i].GivenName)
            )
            {
                yield return (i, Names[i]);
            }
        }
    }

    public Validation Validate(Vocabularies vocabularies)
    {
        var v = new Validation();
        Habeas.Platform.Access.RecordLevels.Check(v, Level);
        // The collections first: one over its limit is refused without looking at its items.
        var namesCounted = v.Count("names", Names.Count, InputLimits.PersonNames);
        var tagsCounted = v.Count("tags", Tags.Count, InputLimits.PersonTags);
        if (InputLimits.CheckLanguages(v, "biography", Biography))
        {
            foreach (var (language, text) in Biography)
            {
                v.MultiLine($"biography.{language}", text, "field.biography");
            }
        }
        var names = namesCounted ? GivenNames().ToList() : [];
        if (namesCounted && names.Count == 0)
        {
            v.Add(Names.Count > 0 ? "names[0].text" : "name", "person.error.name");
        }
        foreach (var (index, name) in names)
        {
            var field = index < 0 ? "name" : $"names[{index}]";
            var textField = index < 0 ? "name" : $"{field}.text";
            v.Required(textField, name.Text, "field.name");
            v.Line(textField, name.Text, 400, "field.name");
            if (index >= 0)
            {
                v.Term($"{field}.kind", name.Kind, vocabularies, "name-kind", "name.kind");
                v.Line($"{field}.familyName", name.FamilyName, 200, "name.family");
                v.Line($"{field}.givenName", name.GivenName, 200, "name.given");
                v.Line($"{field}.language", name.Language, 20, "field.language");
            }
        }
        v.Term("sex", Sex, vocabularies, "sex", "field.sex");
        v.Date("birthDate", BirthDate, "field.birthDate");
        v.Range("reportedAge", ReportedAge, 0, 130, "field.reportedAge");
        var ageOn = v.Date("reportedAgeOn", ReportedAgeOn, "field.reportedAgeOn");
        if (ReportedAge is not null && ageOn is null && string.IsNullOrWhiteSpace(ReportedAgeOn))
        {
            v.Add("reportedAgeOn", "person.error.ageOn");
        }
        foreach (
            var (field, value, label) in new[]
            {
                ("nationality", Nationality, "field.nationality"),
                ("ethnicity", Ethnicity, "field.ethnicity"),
                ("occupation", Occupation, "field.occupation"),
            }
        )
        {
            v.Line(field, value, 200, label);
        }
        for (var i = 0; tagsCounted && i < Tags.Count; i++)
        {
            v.Term($"tags[{i}]", Tags[i], vocabularies, "person-tag", "label.tag");
        }
        return v;
    }

    /// <summary>Writes a validated input onto the person, replacing names and tags.</summary>
    public void ApplyTo(Person person, Habeas.Platform.Access.Viewer viewer)
    {
        if (Level is not null)
        {
            Habeas.Platform.Access.RecordLevels.Set(person, Level, viewer);
        }
        person.Sex = Blank(Sex);
        person.BirthDate = Core.Dates.FuzzyDate.TryParse(BirthDate, out var birth, out _) ? birth : null;
        person.ReportedAge = ReportedAge;
        person.ReportedAgeOn = Core.Dates.FuzzyDate.TryParse(ReportedAgeOn, out var ageOn, out _) ? ageOn : null;
        person.Nationality = Blank(Nationality);
        person.Ethnicity = Blank(Ethnicity);
        person.Occupation = Blank(Occupation);
        person.Biography = new LocalizedText(
            Biography.Where(b => !string.IsNullOrWhiteSpace(b.Value)).ToDictionary(b => b.Key, b => b.Value!.Trim())
        );

        var wanted = GivenNames().Select(n => n.Name).ToList();
        var existing = person.Names.OrderBy(n => n.SortOrder).ToList();
        for (var order = 0; order < wanted.Count; order++)
        {
            var given = wanted[order];
            var name = order < existing.Count ? existing[order] : null;
            if (name is null)
            {
                name = new PersonName
                {
                    PersonId = person.Id,
                    Text = "",
                    Script = "",
                    Kind = "",
                };
                person.Names.Add(name);
            }
            name.Text = given.Text!.Trim();
            name.Script = ScriptDetector.Detect(name.Text);
            name.Kind = string.IsNullOrWhiteSpace(given.Kind) ? (order == 0 ? NameKinds.Primary : "alias") : given.Kind;
            name.FamilyName = Blank(given.FamilyName);
            name.GivenName = Blank(given.GivenName);
            name.Language = Blank(given.Language);
            name.SortOrder = order;
            name.SearchText = NameFolding.Fold(name.Text);
        }
        foreach (var extra in existing.Skip(wanted.Count))
        {
            person.Names.Remove(extra);
        }

        var tags = Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        person.Tags.RemoveAll(t => !tags.Contains(t.Tag));
        foreach (var tag in tags.Where(t => person.Tags.All(existing => existing.Tag != t)))
        {
            person.Tags.Add(new PersonTag { PersonId = person.Id, Tag = tag });
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
