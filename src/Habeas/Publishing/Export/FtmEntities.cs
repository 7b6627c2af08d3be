using System.Globalization;
using System.Text.Json.Nodes;
using Habeas.Core.Dates;
using Habeas.Platform.Shared;

namespace Habeas.Publishing.Export;

/// <summary>
/// A reader's export as FollowTheMoney entities (the data model of OpenSanctions and Aleph; schemata in
/// alephdata/followthemoney, followthemoney/schema/*.yaml): Person, Organization, CourtCase with CourtCaseParty links,
/// Event with its involved people and organisations, Document for a source with Documentation links for its citations,
/// and Membership for an affiliation. Every value has its property's type: dates are ISO 8601 prefixes
/// ("1972", "2004-02", "2004-02-26"), countries ISO 3166-1 alpha-2 in lower case, languages ISO 639-2 codes, gender
/// male/female/other. Entity ids are the Habeas ids with the record type before them ("hb-person-…").
/// </summary>
public static class FtmEntities
{
    public static IEnumerable<JsonObject> From(IReadOnlyList<ExportTable> tables)
    {
        List<JsonObject> Rows(string name) => tables.Single(t => t.Name == name).Rows;
        static string? Text(JsonObject row, string column) => row[column] is JsonValue v ? v.GetValue<string>() : null;
        static Guid Id(JsonObject row, string column) => ExportTables.IdOf(row, column)!.Value;
        static LocalizedText Localized(JsonObject row, string column) =>
            (LocalizedText?)ExportTables.FromJson(row[column], typeof(LocalizedText)) ?? [];

        var places = Rows("places").ToDictionary(r => Id(r, "id"));
        string? PlaceName(Guid? id)
        {
            var names = new List<string>();
            var seen = new HashSet<Guid>();
            while (id is { } current && seen.Add(current) && places.TryGetValue(current, out var place))
            {
                names.Add(Localized(place, "names").Best(CultureInfo.InvariantCulture));
                id = ExportTables.IdOf(place, "parent_id");
            }
            return names.Count == 0 ? null : string.Join(", ", names);
        }
        string? CountryOf(Guid? id)
        {
            var seen = new HashSet<Guid>();
            while (id is { } current && seen.Add(current) && places.TryGetValue(current, out var place))
            {
                if (Text(place, "kind") == "country")
                {
                    return Country(Habeas.Platform.Shared.Countries.CodeOf(Localized(place, "names").GetValueOrDefault("en")));
                }
                id = ExportTables.IdOf(place, "parent_id");
            }
            return null;
        }

        foreach (var organisation in Rows("organisations"))
        {
            yield return Entity(
                "organisation",
                Id(organisation, "id"),
                "Organization",
                new()
                {
                    ["name"] = [.. Localized(organisation, "names").Values],
                    ["alias"] = [Text(organisation, "acronym")],
                    ["country"] = [CountryOf(ExportTables.IdOf(organisation, "country_id"))],
                    ["keywords"] = [Text(organisation, "kind")],
                }
            );
        }

        var names = Rows("person_names")
            .GroupBy(r => Id(r, "person_id"))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r["sort_order"]!.GetValue<int>()).ToList());
        var tags = Rows("person_tags").ToLookup(r => Id(r, "person_id"), r => Text(r, "tag"));
        foreach (var person in Rows("people"))
        {
            var id = Id(person, "id");
            var held = names.GetValueOrDefault(id) ?? [];
            string?[] Of(Func<string?, bool> kind) => [.. held.Where(n => kind(Text(n, "kind"))).Select(n => Text(n, "text"))];
            yield return Entity(
                "person",
                id,
                "Person",
                new()
                {
                    ["name"] = Of(k => k == Habeas.Records.People.NameKinds.Primary),
                    ["alias"] = Of(k => k is not Habeas.Records.People.NameKinds.Primary and not "previous"),
                    ["previousName"] = Of(k => k == "previous"),
                    ["birthDate"] = [Date(Text(person, "birth_date"))],
                    ["nationality"] = [Country(Text(person, "nationality"))],
                    ["gender"] = [Text(person, "sex") is "male" or "female" or "other" ? Text(person, "sex") : null],
                    ["ethnicity"] = [Text(person, "ethnicity")],
                    ["position"] = [Text(person, "occupation")],
                    ["description"] = [.. Localized(person, "biography").Values],
                    ["keywords"] = [.. tags[id]],
                }
            );
        }
        foreach (var affiliation in Rows("affiliations"))
        {
            yield return Entity(
                "affiliation",
                Id(affiliation, "id"),
                "Membership",
                new()
                {
                    ["member"] = [Ref("person", Id(affiliation, "person_id"))],
                    ["organization"] = [Ref("organisation", Id(affiliation, "organisation_id"))],
                    ["role"] = [Text(affiliation, "role")],
                    ["startDate"] = [Date(Text(affiliation, "from"))],
                    ["endDate"] = [Date(Text(affiliation, "to"))],
                }
            );
        }

        foreach (var @case in Rows("cases"))
        {
            var jurisdiction = ExportTables.IdOf(@case, "jurisdiction_id");
            yield return Entity(
                "case",
                Id(@case, "id"),
                "CourtCase",
                new()
                {
                    ["name"] = [Text(@case, "title")],
                    ["caseNumber"] = [Text(@case, "court_case_number")],
                    ["description"] = [.. Localized(@case, "summary").Values],
                    ["court"] = [PlaceName(jurisdiction)],
                    ["country"] = [CountryOf(jurisdiction)],
                }
            );
        }
        foreach (var participant in Rows("case_participants"))
        {
            yield return Entity(
                "case-party",
                Id(participant, "id"),
                "CourtCaseParty",
                new()
                {
                    ["case"] = [Ref("case", Id(participant, "case_id"))],
                    ["party"] = [Ref("person", Id(participant, "person_id"))],
                    ["role"] = [Text(participant, "role")],
                }
            );
        }

        var eventPeople = Rows("event_people").ToLookup(r => Id(r, "event_id"), r => Ref("person", Id(r, "person_id")));
        var actors = Rows("event_actors")
            .ToLookup(
                r => Id(r, "event_id"),
                r =>
                    ExportTables.IdOf(r, "organisation_id") is { } org ? Ref("organisation", org)
                    : ExportTables.IdOf(r, "person_id") is { } person ? Ref("person", person)
                    : null
            );
        foreach (var @event in Rows("events"))
        {
            var id = Id(@event, "id");
            var place = ExportTables.IdOf(@event, "place_id");
            var description = Localized(@event, "description");
            yield return Entity(
                "event",
                id,
                "Event",
                new()
                {
                    ["name"] = [$"{Text(@event, "type")} {Text(@event, "date")}".Trim()],
                    ["date"] = [Date(Text(@event, "date"))],
                    ["startDate"] = [Date(Text(@event, "date"))],
                    ["endDate"] = [Date(Text(@event, "end_date"))],
                    ["summary"] = [Text(@event, "type")],
                    ["description"] = [.. description.Values],
                    ["location"] = [PlaceName(place)],
                    ["country"] = [CountryOf(place)],
                    ["involved"] = [.. eventPeople[id], .. actors[id]],
                }
            );
        }

        foreach (var source in Rows("sources"))
        {
            yield return Entity(
                "source",
                Id(source, "id"),
                "Document",
                new()
                {
                    ["title"] = [Text(source, "title")],
                    ["name"] = [Text(source, "title")],
                    ["author"] = [Text(source, "author")],
                    ["publisher"] = [Text(source, "publisher")],
                    ["date"] = [Date(Text(source, "date"))],
                    ["sourceUrl"] = [Url(Text(source, "url"))],
                    ["language"] = [Language(Text(source, "language"))],
                    ["summary"] = [Text(source, "excerpt")],
                }
            );
        }
        foreach (var citation in Rows("citations"))
        {
            if (Text(citation, "target_type") is not ("person" or "case" or "event"))
            {
                continue;
            }
            yield return Entity(
                "citation",
                Id(citation, "id"),
                "Documentation",
                new()
                {
                    ["document"] = [Ref("source", Id(citation, "source_id"))],
                    ["entity"] = [Ref(Text(citation, "target_type")!, Id(citation, "target_id"))],
                    ["role"] = [Text(citation, "field")],
                    ["summary"] = [Text(citation, "quote")],
                }
            );
        }
    }

    public static string Ref(string recordType, Guid id) => $"hb-{recordType}-{id:D}";

    private static JsonObject Entity(string recordType, Guid id, string schema, Dictionary<string, string?[]> properties)
    {
        var values = new JsonObject();
        foreach (var (name, list) in properties)
        {
            var present = list.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToList();
            if (present.Count > 0)
            {
                values[name] = new JsonArray([.. present.Select(v => (JsonNode)v!)]);
            }
        }
        return new JsonObject
        {
            ["id"] = Ref(recordType, id),
            ["schema"] = schema,
            ["properties"] = values,
        };
    }

    /// <summary>An EDTF fuzzy date as FtM's date type takes it: the known prefix of an ISO date; "approximate" and "uncertain" marks
    /// dropped.</summary>
    public static string? Date(string? fuzzy)
    {
        if (fuzzy is null || !FuzzyDate.TryParse(fuzzy, out var date, out _))
        {
            return null;
        }
        var year = date.Year.ToString("D4", CultureInfo.InvariantCulture);
        return date.Month is not { } month ? year
            : date.Day is not { } day ? $"{year}-{month:D2}"
            : $"{year}-{month:D2}-{day:D2}";
    }

    /// <summary>An ISO code as FtM's country type takes it, from a code, an English country name, or a nationality
    /// written as a word ("Cambodian", "Thai", "Vietnamese"); null when it names no one country.</summary>
    public static string? Country(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var code = Habeas.Platform.Shared.Countries.Known(text) ?? Habeas.Platform.Shared.Countries.CodeOf(text.Trim());
        if (code is null && text.Trim().Length >= 4)
        {
            var word = text.Trim();
            foreach (
                var stem in new[] { word, word.TrimEnd('n'), word.EndsWith("ese", StringComparison.OrdinalIgnoreCase) ? word[..^3] : word }
            )
            {
                var matches = Habeas
                    .Platform.Shared.Countries.All.Where(c => c.Name.StartsWith(stem, StringComparison.OrdinalIgnoreCase))
                    .Take(2)
                    .ToList();
                if (matches.Count == 1)
                {
                    code = matches[0].Code;
                    break;
                }
            }
        }
        return code?.ToLowerInvariant();
    }

    private static string? Url(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? url : null;

    private static string? Language(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }
        try
        {
            var code = CultureInfo.GetCultureInfo(tag).ThreeLetterISOLanguageName;
            return code.Length == 3 && code != "ivl" ? code : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
