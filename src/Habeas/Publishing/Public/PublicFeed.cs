using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Public;

/// <summary>
/// <c>GET /public/feed.atom</c>, open to all: an Atom feed (RFC 4287) of changes to published records, newest 50. One
/// entry per saved version (record_versions) of a person, case, event or source that was public at that version and is
/// public now: "published" when the version before it was not public, else "created" or "updated". An entry says only
/// what the anonymous reader sees of the record now (its name or title, read through the level filters, and a link to
/// its public page; an event is named by its type, its public people, its public case and its date): nothing is taken
/// from a stored version, so no value from a time the record was not public shows.
/// </summary>
public static class PublicFeed
{
    public const int Size = 50;
    private const string Atom = "http://www.w3.org/2005/Atom";
    private static readonly string[] Types = ["person", "case", "event", "source"];

    public sealed record Entry(
        string RecordType,
        Guid RecordId,
        int Version,
        string Change,
        DateTimeOffset At,
        string Title,
        string Summary,
        string Link,
        string? Urn = null
    );

    /// <summary>A case published in one step (<see cref="Publication.CasePublication"/>): its audit entry's sequence, case,
    /// time, and the versions its save made (type, id, version), which the feed shows as this one entry.</summary>
    private sealed record CasePublished(long Sequence, Guid CaseId, DateTimeOffset At, List<(string Type, Guid Id, int Version)> Versions);

    public static void Map(WebApplication app) =>
        app.MapGet(
                "/public/feed.atom",
                async (
                    HabeasDb db,
                    Habeas.Platform.Localization.Texts texts,
                    Habeas.Platform.Vocabulary.Vocabularies vocabularies,
                    Habeas.Platform.Mail.MailOptions site,
                    CancellationToken cancellationToken
                ) =>
                {
                    var entries = await EntriesAsync(db, texts, vocabularies, cancellationToken);
                    // The configured public address (Habeas:Mail:BaseUrl), never the request's Host header: a forged Host must
                    // not put another site's links into a feed that caches and readers keep.
                    var bytes = Write(entries, site.BaseUrl, texts);
                    return Results.Bytes(bytes, "application/atom+xml; charset=utf-8");
                }
            )
            .AllowAnonymous()
            .ExcludeFromDescription();

    public static async Task<IReadOnlyList<Entry>> EntriesAsync(
        HabeasDb db,
        Habeas.Platform.Localization.Texts texts,
        Habeas.Platform.Vocabulary.Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        // Versions of records public now (the level filters decide), newest first, read in batches until 50 qualify.
        var versions = db
            .RecordVersions.AsNoTracking()
            .Where(v =>
                Types.Contains(v.RecordType)
                && v.Change != "deleted"
                && (
                    (v.RecordType == "person" && db.Set<Person>().Any(p => p.Id == v.RecordId))
                    || (v.RecordType == "case" && db.Set<Case>().Any(c => c.Id == v.RecordId))
                    || (v.RecordType == "event" && db.Set<Event>().Any(e => e.Id == v.RecordId))
                    || (v.RecordType == "source" && db.Set<Source>().Any(s => s.Id == v.RecordId))
                )
            );
        var picked = new List<(Habeas.Platform.History.RecordVersion Version, string Change)>();
        // Cases published in one step: their versions are folded into one entry per publication. Read from the audit log
        // (newest first, on its record_type index) back to the oldest version read.
        var publications = new List<CasePublished>();
        var folded = new HashSet<(string, Guid, int)>();
        long? publicationsBefore = null;
        var publicationsDone = false;
        async Task PublicationsBackToAsync(DateTimeOffset oldest)
        {
            var lastAt = DateTimeOffset.MaxValue;
            while (!publicationsDone && lastAt >= oldest)
            {
                var batch = await db
                    .AuditEntries.AsNoTracking()
                    .Where(a =>
                        a.RecordType == Publication.CasePublication.AuditType
                        && (publicationsBefore == null || a.Sequence < publicationsBefore)
                    )
                    .OrderByDescending(a => a.Sequence)
                    .Take(100)
                    .Select(a => new
                    {
                        a.Sequence,
                        a.Action,
                        a.RecordId,
                        a.At,
                        a.Entry,
                    })
                    .ToListAsync(cancellationToken);
                publicationsDone = batch.Count < 100;
                if (batch.Count == 0)
                {
                    break;
                }
                publicationsBefore = batch[^1].Sequence;
                lastAt = batch[^1].At;
                foreach (var entry in batch.Where(a => a.Action == Publication.CasePublication.PublishedAction))
                {
                    var published = new CasePublished(entry.Sequence, entry.RecordId, entry.At, PublishedVersions(entry.Entry));
                    publications.Add(published);
                    folded.UnionWith(published.Versions);
                }
            }
        }
        long? before = null;
        for (var batch = 0; batch < 20 && picked.Count < Size; batch++)
        {
            var page = await versions
                .Where(v => before == null || v.Id < before)
                .OrderByDescending(v => v.Id)
                .Take(200)
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }
            before = page[^1].Id;
            await PublicationsBackToAsync(page[^1].ChangedAt);
            var earlier = page.Where(v => v.Version > 1).Select(v => v.RecordId).Distinct().ToList();
            var previous = (
                await db
                    .RecordVersions.AsNoTracking()
                    .Where(v => earlier.Contains(v.RecordId))
                    .Select(v => new
                    {
                        v.RecordId,
                        v.Version,
                        v.Data,
                    })
                    .ToListAsync(cancellationToken)
            ).ToDictionary(v => (v.RecordId, v.Version), v => IsPublic(v.Data));
            foreach (var v in page.Where(v => IsPublic(v.Data) && !folded.Contains((v.RecordType, v.RecordId, v.Version))))
            {
                var wasPublic = previous.GetValueOrDefault((v.RecordId, v.Version - 1));
                picked.Add(
                    (
                        v,
                        v.Change == "created" ? "created"
                        : wasPublic ? "updated"
                        : "published"
                    )
                );
            }
        }
        picked = picked.Take(Size).ToList();
        // A publication older than the last version entry kept would fall outside the 50 newest anyway.
        var oldestKept = picked.Count == Size ? picked[^1].Version.ChangedAt : DateTimeOffset.MinValue;
        var shownPublications = publications.Where(p => p.At >= oldestKept).ToList();
        var named = picked
            .Select(p => p.Version)
            .Concat(
                shownPublications.SelectMany(p =>
                    p.Versions.Select(v => new Habeas.Platform.History.RecordVersion
                    {
                        RecordType = v.Type,
                        RecordId = v.Id,
                        Change = "updated",
                        Data = "",
                    })
                )
            )
            .ToList();
        var names = await NamesAsync(db, named, texts, vocabularies, cancellationToken);
        var publicationEntries = shownPublications.Select(p => PublicationEntry(p, names, texts)).OfType<Entry>().ToList();
        var entries = picked
            .Where(p => names.ContainsKey(p.Version.RecordId))
            .Select(p =>
            {
                var (title, link) = names[p.Version.RecordId];
                var kind = texts[$"public.feed.{p.Version.RecordType}"];
                return new Entry(
                    p.Version.RecordType,
                    p.Version.RecordId,
                    p.Version.Version,
                    p.Change,
                    p.Version.ChangedAt,
                    $"{texts[$"public.feed.{p.Change}"]}: {title}",
                    $"{kind} · {title}",
                    link
                );
            })
            .ToList();
        return publicationEntries.Count == 0
            ? entries
            : entries.Concat(publicationEntries).OrderByDescending(e => e.At).Take(Size).ToList();
    }

    /// <summary>The versions a case publication's audit entry names ("type/id/version" in its details).</summary>
    private static List<(string Type, Guid Id, int Version)> PublishedVersions(string entry)
    {
        var versions = new List<(string, Guid, int)>();
        try
        {
            using var json = JsonDocument.Parse(entry);
            if (
                json.RootElement.TryGetProperty("details", out var details)
                && details.TryGetProperty(Publication.CasePublication.VersionsDetail, out var text)
                && text.ValueKind == JsonValueKind.String
            )
            {
                foreach (var part in (text.GetString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var fields = part.Split('/');
                    if (
                        fields.Length == 3
                        && Guid.TryParse(fields[1], out var id)
                        && int.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out var version)
                    )
                    {
                        versions.Add((fields[0], id, version));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // An entry that cannot be read folds nothing: its versions show one by one.
        }
        return versions;
    }

    /// <summary>One entry for a case published in one step: titled by the case (when public now, else by the first of its
    /// records still public), summarised by how many of its people, events and sources are public now; none when nothing
    /// of it is public any more.</summary>
    private static Entry? PublicationEntry(
        CasePublished publication,
        Dictionary<Guid, (string Title, string Link)> names,
        Habeas.Platform.Localization.Texts texts
    )
    {
        var shown = publication.Versions.Where(v => names.ContainsKey(v.Id)).ToList();
        if (shown.Count == 0)
        {
            return null;
        }
        var lead = shown.FirstOrDefault(v => v.Type == "case" && v.Id == publication.CaseId);
        if (lead == default)
        {
            lead = shown.FirstOrDefault(v => v.Type == "person");
        }
        if (lead == default)
        {
            lead = shown[0];
        }
        var (title, link) = names[lead.Id];
        int Count(string type) => shown.Count(v => v.Type == type);
        return new Entry(
            "case",
            publication.CaseId,
            0,
            "published",
            publication.At,
            $"{texts["public.feed.published"]}: {title}",
            texts.Format("public.feed.publicationSummary", Count("person"), Count("event"), Count("source")),
            link,
            PublicationUrn(publication.CaseId, publication.Sequence)
        );
    }

    /// <summary>A stable id per publication: a name-based UUID of the case and the publication's audit sequence.</summary>
    public static string PublicationUrn(Guid caseId, long sequence) => NameUrn($"habeas:publication/{caseId}/{sequence}");

    /// <summary>Whether a stored version says the record was public then.</summary>
    private static bool IsPublic(string data)
    {
        try
        {
            using var json = JsonDocument.Parse(data);
            return json.RootElement.TryGetProperty("level", out var level)
                && level.ValueKind == JsonValueKind.String
                && level.GetString() == Habeas.Platform.Access.RecordLevels.Public;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Each record's name or title and public page, read now as the anonymous reader.</summary>
    private static async Task<Dictionary<Guid, (string Title, string Link)>> NamesAsync(
        HabeasDb db,
        IReadOnlyList<Habeas.Platform.History.RecordVersion> versions,
        Habeas.Platform.Localization.Texts texts,
        Habeas.Platform.Vocabulary.Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        List<Guid> Of(string type) => versions.Where(v => v.RecordType == type).Select(v => v.RecordId).Distinct().ToList();
        var language = Habeas.Platform.Localization.Texts.CurrentLanguage;
        var found = new Dictionary<Guid, (string, string)>();
        var personIds = Of("person");
        foreach (
            var p in await db
                .People.AsNoTracking()
                .Include(p => p.Names)
                .Where(p => personIds.Contains(p.Id))
                .ToListAsync(cancellationToken)
        )
        {
            found[p.Id] = (p.NameFor(language), $"/public/people/{p.Id}");
        }
        var caseIds = Of("case");
        foreach (
            var c in await db
                .Cases.AsNoTracking()
                .Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.Title })
                .ToListAsync(cancellationToken)
        )
        {
            found[c.Id] = (c.Title, $"/public/cases/{c.Id}");
        }
        var eventIds = Of("event");
        var events = await db
            .Events.AsNoTracking()
            .Include(e => e.People)
            .Where(e => eventIds.Contains(e.Id))
            .ToListAsync(cancellationToken);
        var eventCases = events.Where(e => e.CaseId != null).Select(e => e.CaseId!.Value).Distinct().ToList();
        // Read as the anonymous reader: only public cases and public people, by the names the public pages show.
        var publicCases = await db
            .Cases.Where(c => eventCases.Contains(c.Id))
            .Select(c => new { c.Id, c.Title })
            .ToDictionaryAsync(c => c.Id, c => c.Title, cancellationToken);
        var eventPeople = events.SelectMany(e => e.People.Select(p => p.PersonId)).Distinct().ToList();
        var publicPeople = (
            await db.People.AsNoTracking().Include(p => p.Names).Where(p => eventPeople.Contains(p.Id)).ToListAsync(cancellationToken)
        ).ToDictionary(p => p.Id, p => p.NameFor(language));
        foreach (var e in events)
        {
            var people = e.People.Where(p => publicPeople.ContainsKey(p.PersonId)).Select(p => publicPeople[p.PersonId]).ToList();
            var inCase = e.CaseId is { } id && publicCases.TryGetValue(id, out var caseTitle) ? caseTitle : null;
            var title = string.Join(
                " · ",
                new[]
                {
                    vocabularies.Label("event-type", e.Type),
                    string.Join(", ", people),
                    inCase ?? "",
                    Habeas.Platform.Localization.Display.Date(e.Date, texts),
                }.Where(part => part.Length > 0)
            );
            found[e.Id] = (
                title,
                inCase is not null ? $"/public/cases/{e.CaseId}#event-{e.Id}"
                : e.People.FirstOrDefault(p => publicPeople.ContainsKey(p.PersonId)) is { } person
                    ? $"/public/people/{person.PersonId}#event-{e.Id}"
                : "/public"
            );
        }
        var sourceIds = Of("source");
        foreach (
            var s in await db
                .Sources.AsNoTracking()
                .Where(s => sourceIds.Contains(s.Id))
                .Select(s => new { s.Id, s.Title })
                .ToListAsync(cancellationToken)
        )
        {
            // A source has no public page of its own: the feed points at the first public profile citing it.
            var cited = await db
                .Citations.Where(c => c.SourceId == s.Id && c.TargetType == "person")
                .Select(c => (Guid?)c.TargetId)
                .Where(id => db.Set<Person>().Any(p => p.Id == id))
                .FirstOrDefaultAsync(cancellationToken);
            cited ??= await db
                .Citations.Where(c => c.SourceId == s.Id && c.TargetType == "event")
                .SelectMany(c =>
                    db.Set<EventPerson>()
                        .Where(ep => ep.EventId == c.TargetId && db.Set<Event>().Any(e => e.Id == ep.EventId))
                        .Select(ep => (Guid?)ep.PersonId)
                )
                .FirstOrDefaultAsync(cancellationToken);
            found[s.Id] = (s.Title, cited is { } personId ? $"/public/people/{personId}#sources" : "/public");
        }
        return found;
    }

    public static byte[] Write(IReadOnlyList<Entry> entries, string origin, Habeas.Platform.Localization.Texts texts)
    {
        using var stream = new MemoryStream();
        using (
            var xml = XmlWriter.Create(
                stream,
                new XmlWriterSettings
                {
                    Encoding = new UTF8Encoding(false),
                    Indent = true,
                    Async = false,
                }
            )
        )
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Atom);
            xml.WriteAttributeString("xml", "lang", null, Habeas.Platform.Localization.Texts.CurrentLanguage);
            xml.WriteElementString("id", Atom, $"{origin}/public/feed.atom");
            xml.WriteElementString("title", Atom, texts["public.feed.title"]);
            xml.WriteElementString("subtitle", Atom, texts["public.feed.subtitle"]);
            xml.WriteElementString("updated", Atom, Timestamp(entries.Count > 0 ? entries.Max(e => e.At) : DateTimeOffset.UnixEpoch));
            xml.WriteStartElement("author", Atom);
            xml.WriteElementString("name", Atom, texts["public.feed.author"]);
            xml.WriteEndElement();
            Link(xml, "self", $"{origin}/public/feed.atom", "application/atom+xml");
            Link(xml, "alternate", $"{origin}/public", "text/html");
            foreach (var e in entries)
            {
                xml.WriteStartElement("entry", Atom);
                xml.WriteElementString("id", Atom, e.Urn ?? VersionUrn(e.RecordType, e.RecordId, e.Version));
                xml.WriteElementString("title", Atom, e.Title);
                xml.WriteElementString("updated", Atom, Timestamp(e.At));
                Link(xml, "alternate", origin + e.Link, "text/html");
                xml.WriteStartElement("category", Atom);
                xml.WriteAttributeString("term", e.Change);
                xml.WriteEndElement();
                xml.WriteStartElement("summary", Atom);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(e.Summary);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }
        return stream.ToArray();
    }

    private static void Link(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link", Atom);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A stable id per version: a name-based UUID (RFC 9562 version 8 layout, from SHA-256) of "type/id/version".</summary>
    public static string VersionUrn(string type, Guid id, int version) => NameUrn($"habeas:{type}/{id}/{version}");

    private static string NameUrn(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return $"urn:uuid:{new Guid(hash.AsSpan(0, 16), bigEndian: true)}";
    }
}
