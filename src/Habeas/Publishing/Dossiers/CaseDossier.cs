using Habeas.Platform.History;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Dossiers;

/// <summary>One saved version of a record in a dossier: when, by whom, what kind of change and which fields changed
/// (their names, not their values: the values as they stand are in the dossier itself).</summary>
public sealed record HistoryLine(int Version, string Change, DateTimeOffset ChangedAt, string? ChangedBy, IReadOnlyList<string> Fields);

/// <summary>
/// A case as printed for another institution. The internal edition holds everything the reader may see of the case:
/// the case, its people, charges, events, interventions, sources and citations, and the saved history of each of
/// these records. The public edition is read as an anonymous visitor whoever asks (like <see cref="Habeas.Campaigns.Act.PublicAction"/>):
/// published records only, defendants only, no interventions and no history. Confidential fields are in neither:
/// they are read one record at a time, audited, on the record's confidential page, so a dossier says they were withheld.
/// </summary>
public sealed class CaseDossier
{
    private static readonly string[] DefendantRoles = ["defendant", "co-defendant"];

    public required CaseFile File { get; init; }
    public required bool Public { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public string? GeneratedBy { get; init; }

    /// <summary>Each record's saved versions, oldest first, by record id (internal edition only).</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<HistoryLine>> History { get; init; } =
        new Dictionary<Guid, IReadOnlyList<HistoryLine>>();

    public IReadOnlyList<CaseParticipant> People => File.Case.Participants.Where(p => p.Person is not null).ToList();
    public int HistoryCount => History.Values.Sum(h => h.Count);
    public int SourceCount => File.Citations.Select(c => c.SourceId).Distinct().Count();

    public IReadOnlyList<HistoryLine> HistoryOf(Guid id) => History.GetValueOrDefault(id, []);

    public static async Task<CaseDossier?> LoadAsync(
        HabeasDb db,
        Guid id,
        bool publicEdition,
        string? reader,
        DateTimeOffset now,
        CancellationToken cancellationToken
    )
    {
        if (publicEdition)
        {
            db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        }
        var file = await CaseFile.LoadAsync(db, id, cancellationToken);
        if (file is null)
        {
            return null;
        }
        if (publicEdition)
        {
            // No witness, lawyer or complainant is named in public; no advocacy is shown; actors are organisations only.
            file.Case.Participants.RemoveAll(p => !DefendantRoles.Contains(p.Role));
            foreach (var e in file.Events)
            {
                e.Actors.RemoveAll(a => a.Organisation is null);
            }
            file = new CaseFile
            {
                Case = file.Case,
                Events = file.Events,
                Interventions = [],
                Citations = file.Citations,
                Stage = file.Stage,
                VisiblePeople = file.VisiblePeople,
            };
            return new CaseDossier
            {
                File = file,
                Public = true,
                GeneratedAt = now,
            };
        }
        var ids = file
            .Events.Select(e => e.Id)
            .Concat(file.Case.Charges.Select(c => c.Id))
            .Concat(file.Interventions.Select(i => i.Id))
            .Concat(file.Citations.Select(c => c.Id))
            .Append(file.Case.Id)
            .ToList();
        var versions = await db
            .RecordVersions.AsNoTracking()
            .Where(v => ids.Contains(v.RecordId))
            .OrderBy(v => v.RecordId)
            .ThenBy(v => v.Version)
            .ToListAsync(cancellationToken);
        var history = new Dictionary<Guid, IReadOnlyList<HistoryLine>>();
        foreach (var record in versions.GroupBy(v => v.RecordId))
        {
            var lines = new List<HistoryLine>();
            Dictionary<string, string?> previous = [];
            foreach (var version in record)
            {
                var current = Snapshots.Flatten(version.Data);
                var fields = current
                    .Keys.Union(previous.Keys)
                    .Where(k => previous.GetValueOrDefault(k) != current.GetValueOrDefault(k))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                lines.Add(new HistoryLine(version.Version, version.Change, version.ChangedAt, version.ChangedBy, fields));
                previous = current;
            }
            history[record.Key] = lines;
        }
        return new CaseDossier
        {
            File = file,
            Public = false,
            GeneratedAt = now,
            GeneratedBy = reader,
            History = history,
        };
    }
}
