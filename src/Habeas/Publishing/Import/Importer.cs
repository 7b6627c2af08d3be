using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Habeas.Core.Dates;
using Habeas.Core.Import;
using Habeas.Core.Names;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Publishing.Import;

/// <summary>What to import and how.</summary>
/// <param name="FileName">The file's name, for the report and the audit entry (no directory).</param>
/// <param name="Content">The file's bytes; read twice (hash, then rows), so it must be seekable.</param>
/// <param name="Format">csv or json; else the mapping's, else the file name's extension.</param>
/// <param name="Mapping">How the columns become fields (an empty mapping takes headers that name fields).</param>
/// <param name="DryRun">Check and count everything, then roll back.</param>
/// <param name="CheckDuplicates">List new people whose names match people recorded before (needs the name index).</param>
public sealed record ImportRequest(
    string FileName,
    Stream Content,
    string? Format,
    ImportMapping Mapping,
    bool DryRun,
    bool CheckDuplicates = true
);

/// <summary>
/// Imports people with their names, events and cited sources from a CSV or JSON file (docs/import.md). The same
/// validation as the forms and the API (PersonInput, EventInput, SourceInput); records matched by a Habeas id or an
/// external id are updated, only in the fields the file gives; everything is written through the one write path,
/// <see cref="RecordSaving"/> (versions, search entries, audit entries, custody periods), in chunks inside ONE
/// transaction, committed only when no row has a problem. A dry run does the same and rolls back, so its report is
/// exactly what the import would do. The records a file creates are written by <see cref="BulkWriter"/> (their rows by
/// its own inserts instead of the change tracker); changes to records already stored by HabeasDb.SaveChangesAsync.
/// </summary>
public sealed class Importer(HabeasDb db, Vocabularies vocabularies, Habeas.Records.Search.PeopleNameIndex? index)
{
    /// <summary>Rows saved at a time (inside the one transaction).</summary>
    public const int ChunkSize = 500;

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    private readonly ImportReport _report = new();
    private ImportMapping _mapping = new();
    private string? _system;
    private bool _saving = true;
    private Dictionary<string, Guid> _places = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Guid> _seenPeople = new(StringComparer.Ordinal);
    private Dictionary<string, Guid> _chunkIds = new(StringComparer.Ordinal);
    private readonly List<(int Line, Guid Id, List<string> Names)> _newPeople = [];

    /// <summary>People of the current chunk (tracked, perhaps not yet saved), and the person citations made by this import.</summary>
    private readonly Dictionary<Guid, Person> _chunkPeople = [];
    private readonly HashSet<(Guid Source, Guid Person)> _cited = [];
    private BulkWriter? _bulk;

    /// <summary>Rows without ids are matched by name and birth date (needs the name index, brought up to date before the transaction).</summary>
    private bool _matchByName;

    /// <summary>People recorded already that a row without ids was taken to be: a later row's best match is another person.</summary>
    private readonly HashSet<Guid> _takenByName = [];

    public async Task<ImportReport> RunAsync(ImportRequest request, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        _mapping = request.Mapping;
        _report.File = Path.GetFileName(request.FileName);
        _report.DryRun = request.DryRun;
        _report.StartedAt = db.Time.GetUtcNow();
        _report.Sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Content, cancellationToken));
        request.Content.Position = 0;
        _report.Format = request.Format
            ?? _mapping.Format
            ?? (request.FileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json" : "csv");
        foreach (var problem in _mapping.Problems())
        {
            File(problem);
        }
        var mappingEntries =
            _mapping.Columns.Count
            + _mapping.Split.Count
            + _mapping.Constants.Count
            + _mapping.DateFormats.Count
            + _mapping.Values.Sum(v => v.Value.Count);
        if (mappingEntries > Habeas.Platform.Api.InputLimits.ImportMapping.Max)
        {
            File(
                Said.Format(
                    "import.error.mappingTooBig",
                    Display.Number(mappingEntries),
                    Display.Number(Habeas.Platform.Api.InputLimits.ImportMapping.Max)
                )
            );
        }
        if (_report.Format is not "csv" and not "json")
        {
            File(Said.Format("import.error.formatNeither", _report.Format));
        }
        if (_report.Problems.Count > 0)
        {
            return Finish(watch);
        }

        ImportFile file;
        try
        {
            using var reader = new StreamReader(request.Content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            file =
                _report.Format == "json"
                    ? ImportRows.ReadJson(await reader.ReadToEndAsync(cancellationToken), _mapping)
                    : ImportRows.ReadCsv(reader, _mapping);
            _system = file.System;
            _report.System = _system;
            _report.UnmappedColumns = file.UnmappedColumns.ToList();
            if (file.Headers.Count > Habeas.Platform.Api.InputLimits.ImportColumns.Max)
            {
                File(
                    Said.Format(
                        "import.error.tooManyColumns",
                        Display.Number(file.Headers.Count),
                        Display.Number(Habeas.Platform.Api.InputLimits.ImportColumns.Max)
                    )
                );
                return Finish(watch);
            }
            _matchByName = request.CheckDuplicates && index is not null;
            if (_matchByName && index is not null)
            {
                // Brought up to date before the transaction: searching inside it would read this import's own uncommitted audit entries.
                await index.SyncAsync(db, cancellationToken);
            }
            _places = await LoadPlacesAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using var bulk = new BulkWriter(db);
            _bulk = bulk;
            await ImportRowsAsync(file.Rows, progress, cancellationToken);
            if (_report.Problems.Count == 0)
            {
                await bulk.FinishAsync(cancellationToken);
            }
            if (_report.Problems.Count == 0 && request.CheckDuplicates && index is not null)
            {
                await FindDuplicatesAsync(cancellationToken);
            }
            if (_report.Problems.Count == 0 && !request.DryRun)
            {
                if (_report.Counts.Created + _report.Counts.Updated > 0)
                {
                    // Importing the same file again changes nothing, this entry included.
                    db.LogAction("import", "import", Guid.CreateVersion7(), details: AuditDetails());
                    await db.SaveChangesAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                _report.Written = true;
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        catch (FormatException e)
        {
            File(e.Message);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return Finish(watch);
    }

    private ImportReport Finish(Stopwatch watch)
    {
        _report.Seconds = Math.Round(watch.Elapsed.TotalSeconds, 3);
        return _report;
    }

    private Dictionary<string, string?> AuditDetails() =>
        new()
        {
            ["file"] = _report.File,
            ["sha256"] = _report.Sha256,
            ["format"] = _report.Format,
            ["system"] = _system,
            ["rows"] = Text(_report.Counts.Rows),
            ["created"] = Text(_report.Counts.Created),
            ["updated"] = Text(_report.Counts.Updated),
            ["unchanged"] = Text(_report.Counts.Unchanged),
            ["eventsCreated"] = Text(_report.Counts.EventsCreated),
            ["eventsUpdated"] = Text(_report.Counts.EventsUpdated),
            ["sourcesCreated"] = Text(_report.Counts.SourcesCreated),
            ["citationsCreated"] = Text(_report.Counts.CitationsCreated),
            ["placesCreated"] = Text(_report.Counts.PlacesCreated),
        };

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The interface strings: a problem is said in the language of the reader of the report (English for the command).</summary>
    private static Texts Said => Habeas.Platform.Api.Problems.Texts;

    private void File(string message) => _report.Problems.Add(new ImportProblem(0, "(file)", null, null, message));

    private void Problem(int line, ImportCell? cell, string message) =>
        _report.Problems.Add(new ImportProblem(line, cell?.Column ?? "(row)", cell?.Field.ToString(), cell?.Value, message));

    private async Task ImportRowsAsync(IEnumerable<ImportRow> rows, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var chunk = new List<ImportRow>(ChunkSize);
        foreach (var row in rows)
        {
            chunk.Add(row);
            if (chunk.Count == ChunkSize)
            {
                await ImportChunkAsync(chunk, cancellationToken);
                progress?.Report(_report.Counts.Rows);
                chunk.Clear();
            }
        }
        if (chunk.Count > 0)
        {
            await ImportChunkAsync(chunk, cancellationToken);
            progress?.Report(_report.Counts.Rows);
        }
    }

    private async Task ImportChunkAsync(List<ImportRow> chunk, CancellationToken cancellationToken)
    {
        // One query for the chunk's external ids, instead of one per row.
        var values = chunk.SelectMany(r => r.Cells).Where(c => c.Field.Name == "externalId").Select(c => c.Value).Distinct().ToList();
        _chunkIds =
            _system is null || values.Count == 0
                ? new(StringComparer.Ordinal)
                : await db
                    .ExternalIds.AsNoTracking()
                    .Where(x => x.System == _system && values.Contains(x.Value))
                    .ToDictionaryAsync(x => $"{x.RecordType}\n{x.Value}", x => x.RecordId, StringComparer.Ordinal, cancellationToken);
        foreach (var row in chunk)
        {
            _report.Counts.Rows++;
            try
            {
                await ImportRowAsync(row, cancellationToken);
            }
            catch (Habeas.Platform.Access.AccessDeniedException refused)
            {
                // A level the importing user may not set (LevelRule): the row's problem, and nothing is written.
                Problem(row.Line, null, refused.Message);
            }
        }
        if (_saving && _report.Problems.Count == 0)
        {
            try
            {
                await SaveChunkAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                _saving = false;
                Problem(
                    chunk[0].Line,
                    null,
                    Said.Format("import.error.notWritten", chunk[0].Line, chunk[^1].Line, (e.InnerException ?? e).Message)
                );
            }
        }
        // Once a problem is found nothing more is saved; the rest is still checked, so the report lists every problem.
        db.ChangeTracker.Clear();
        _bulk?.Clear();
        if (_saving && _report.Problems.Count == 0)
        {
            // Saved: later rows find them in the database. (Unsaved, they stay here, so a later row of the same person is still matched.)
            _chunkPeople.Clear();
        }
    }

    /// <summary>The chunk's new records first (the bulk writer), then the changes to stored ones (the change tracker,
    /// which also rebuilds the custody periods of their people), then the periods of stored people given new events.</summary>
    private async Task SaveChunkAsync(CancellationToken cancellationToken)
    {
        var stored = await Bulk.WriteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (stored.Count > 0)
        {
            await Habeas.Records.Custody.CustodySaving.RebuildCustodyAsync(db, stored, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>A new record: to the bulk writer.</summary>
    private void Add(object record) => Bulk.Add(record);

    private BulkWriter Bulk => _bulk ?? throw new InvalidOperationException("The bulk writer is made by RunAsync.");

    private sealed class RowState(ImportRow row)
    {
        public ImportRow Row { get; } = row;
        public int Problems { get; set; }

        /// <summary>The row's person was matched by name and birth date: the row adds what the record lacks (names, tags, blank fields,
        /// events, citations) and changes no value already recorded.</summary>
        public bool FillOnly { get; init; }
        public Dictionary<string, ImportCell> FieldCells { get; } = new(StringComparer.Ordinal);
    }

    private async Task ImportRowAsync(ImportRow row, CancellationToken cancellationToken)
    {
        var before = _report.Problems.Count;
        foreach (var extra in row.Cells.Where(c => c.Field.Name == "(extra)"))
        {
            Problem(row.Line, extra, Said["import.error.nowhere"]);
        }
        if (row.Cells.Count == 0)
        {
            return;
        }
        var person = await MatchPersonAsync(row, cancellationToken);
        var byName = false;
        if (
            person is null
            && _report.Problems.Count == before
            && !row.Cells.Any(c => c.Field is { Group: FieldGroup.Person, Name: "id" or "externalId" })
        )
        {
            person = await MatchByNameAsync(row, cancellationToken);
            byName = person is not null;
        }
        if (_report.Problems.Count > before)
        {
            return;
        }
        var state = new RowState(row) { FillOnly = byName };
        var input = person is null ? new PersonInput() : PersonInput.From(person);
        Overlay(state, input);
        Report(state, input.Validate(vocabularies), "");
        var isNew = person is null;
        person ??= new Person();
        var beforeSnapshot = isNew ? "" : Snapshot(person);
        var changed = false;
        changed |= await ImportEventsAsync(state, person, isNew, cancellationToken);
        changed |= await ImportSourcesAsync(state, person, isNew, cancellationToken);
        if (_report.Problems.Count > before)
        {
            return;
        }
        var external = row.Cells.FirstOrDefault(c => c.Field is { Group: FieldGroup.Person, Name: "externalId" });
        var addLink =
            external is not null && !_chunkIds.ContainsKey($"person\n{external.Value}") && !_seenPeople.ContainsKey(external.Value);
        input.ApplyTo(person, db.Viewer);
        _chunkPeople[person.Id] = person;
        if (isNew)
        {
            Add(person);
            _report.Counts.Created++;
            _newPeople.Add((row.Line, person.Id, person.Names.Select(n => n.Text).ToList()));
        }
        else if (changed || addLink || Snapshot(person) != beforeSnapshot)
        {
            _report.Counts.Updated++;
        }
        else
        {
            _report.Counts.Unchanged++;
        }
        if (external is not null)
        {
            if (addLink)
            {
                Add(
                    new ExternalId
                    {
                        System = _system!,
                        Value = external.Value,
                        RecordType = "person",
                        RecordId = person.Id,
                        CreatedAt = db.Time.GetUtcNow(),
                    }
                );
            }
            _seenPeople[external.Value] = person.Id;
        }
    }

    private static string Snapshot(IVersioned record) => JsonSerializer.Serialize(record.Snapshot(), SnapshotJson);

    /// <summary>The person a row is about: by Habeas id, else by external id (earlier in this file, or stored), else none (a new
    /// person).</summary>
    private async Task<Person?> MatchPersonAsync(ImportRow row, CancellationToken cancellationToken)
    {
        Guid? id = null;
        if (row.Cells.FirstOrDefault(c => c.Field is { Group: FieldGroup.Person, Name: "id" }) is { } idCell)
        {
            if (!Guid.TryParse(idCell.Value, out var parsed))
            {
                Problem(row.Line, idCell, Said["import.error.guid"]);
                return null;
            }
            id = parsed;
        }
        foreach (var external in row.Cells.Where(c => c.Field.Name == "externalId"))
        {
            if (_system is null)
            {
                Problem(row.Line, external, Said["import.error.externalSystem"]);
                return null;
            }
            if (external.Value.Length > ExternalId.MaxLength)
            {
                Problem(row.Line, external, Said.Format("import.error.externalTooLong", ExternalId.MaxLength));
                return null;
            }
        }
        if (id is null && row.Cells.FirstOrDefault(c => c.Field is { Group: FieldGroup.Person, Name: "externalId" }) is { } ext)
        {
            if (_seenPeople.TryGetValue(ext.Value, out var seen) || _chunkIds.TryGetValue($"person\n{ext.Value}", out seen))
            {
                id = seen;
            }
        }
        if (id is not { } personId)
        {
            return null;
        }
        var person = _chunkPeople.GetValueOrDefault(personId)
            ?? await db.People.Include(p => p.Names).Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        if (person is null)
        {
            var cell = row.Cells.FirstOrDefault(c => c.Field is { Group: FieldGroup.Person, Name: "id" or "externalId" });
            // The same words whether the record is absent or hidden, and never the id an external id led to (review finding 14).
            Problem(row.Line, cell, Said["import.error.noPerson"]);
        }
        return person;
    }

    /// <summary>The person recorded already that a row without ids is about: the mapping's choice for its line ("new", or a
    /// person id), else the best likely candidate (name and birth date) that no earlier row of the file was taken to be, else none
    /// (a new person). Rows with candidates or a choice are listed in the report's matches.</summary>
    private async Task<Person?> MatchByNameAsync(ImportRow row, CancellationToken cancellationToken)
    {
        var choice = _mapping.MatchFor(row.Line);
        var names = row
            .Cells.Where(c => c.Field is { Group: FieldGroup.Person, Name: "name" })
            .Select(c => c.Value.Trim())
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var birth = row.Cells.FirstOrDefault(c => c.Field is { Group: FieldGroup.Person, Name: "birthDate" })?.Value;
        var candidates = _matchByName && names.Count > 0 ? await CandidatesAsync(names, birth, cancellationToken) : [];
        Guid? sameAs = choice switch
        {
            null => candidates.FirstOrDefault(c => c.Likely && !_takenByName.Contains(c.Id))?.Id,
            ImportMapping.NewPerson => null,
            _ => Guid.Parse(choice),
        };
        if (candidates.Count > 0 || choice is not null)
        {
            _report.Matches.Add(new RowMatch(row.Line, names.FirstOrDefault() ?? "", birth, sameAs, choice is not null, candidates));
        }
        if (sameAs is not { } id)
        {
            return null;
        }
        _takenByName.Add(id);
        var person = _chunkPeople.GetValueOrDefault(id)
            ?? await db.People.Include(p => p.Names).Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null)
        {
            Problem(row.Line, null, Said["import.error.chosenPerson"]);
        }
        return person;
    }

    /// <summary>People recorded already whose names match one of the row's (the name index, as the duplicate check uses it) and
    /// whose birth date does not contradict the row's; the likely ones first (<see cref="MatchCandidate.Likely"/>), then by score.</summary>
    private async Task<List<MatchCandidate>> CandidatesAsync(List<string> names, string? birth, CancellationToken cancellationToken)
    {
        var found = names
            .Take(Habeas.Platform.Api.InputLimits.DuplicateLookupNames)
            .SelectMany(n => index!.Index.Search(n, 5))
            .Where(m => m.Score >= Habeas.Records.Duplicates.DuplicateFinder.Threshold && m.Reason != "partial")
            .GroupBy(m => m.PersonId)
            .Select(g => g.MaxBy(m => m.Score)!)
            .ToList();
        if (found.Count == 0)
        {
            return [];
        }
        var ids = found.Select(m => m.PersonId).ToList();
        // Only people the importer may see (the query filters), and not merged away.
        var held = await db
            .People.AsNoTracking()
            .Where(p => ids.Contains(p.Id))
            .Select(p => new
            {
                p.Id,
                p.BirthDate,
                Names = p
                    .Names.Select(n => new
                    {
                        n.Id,
                        n.Text,
                        n.Kind,
                        n.SortOrder,
                    })
                    .ToList(),
            })
            .ToListAsync(cancellationToken);
        FuzzyDate? rowBirth = FuzzyDate.TryParse(birth, out var parsed, out _) ? parsed : null;
        var folded = names.Select(NameFolding.Fold).ToHashSet(StringComparer.Ordinal);
        return held.Where(p => p.Names.Count > 0 && BirthDatesAgree(rowBirth, p.BirthDate) != false)
            .Select(p =>
            {
                var match = found.First(m => m.PersonId == p.Id);
                var theirs = p.Names.OrderBy(n => n.Kind == NameKinds.Primary ? 0 : 1).ThenBy(n => n.SortOrder).ToList();
                var likely =
                    BirthDatesAgree(rowBirth, p.BirthDate) == true
                    || (rowBirth is null && p.BirthDate is null && theirs.Any(n => folded.Contains(NameFolding.Fold(n.Text))));
                return new MatchCandidate(
                    p.Id,
                    theirs[0].Text,
                    theirs.FirstOrDefault(n => n.Id == match.NameId)?.Text ?? theirs[0].Text,
                    match.Score,
                    p.BirthDate?.ToString(),
                    likely
                );
            })
            .OrderByDescending(c => c.Likely)
            .ThenByDescending(c => c.Score)
            .ThenBy(c => c.Id)
            .Take(5)
            .ToList();
    }

    /// <summary>True when both birth dates are known and could be the same day (an approximate or uncertain date reaches a year
    /// either way), false when both are known and cannot, null when either is unknown.</summary>
    internal static bool? BirthDatesAgree(FuzzyDate? a, FuzzyDate? b)
    {
        if (a is not { } x || b is not { } y)
        {
            return null;
        }
        static (DateOnly From, DateOnly To) Span(FuzzyDate d) =>
            d.Approximate || d.Uncertain ? (d.Earliest.AddYears(-1), d.Latest.AddYears(1)) : (d.Earliest, d.Latest);
        var (xFrom, xTo) = Span(x);
        var (yFrom, yTo) = Span(y);
        return xFrom <= yTo && yFrom <= xTo;
    }

    /// <summary>Puts the row's person fields onto the input: a field the file does not give keeps its recorded value;
    /// names and tags are added to those held.</summary>
    private void Overlay(RowState state, PersonInput input)
    {
        var hasPrimary = input.Names.Any(n => n.Kind == NameKinds.Primary);
        foreach (var cell in state.Row.Cells.Where(c => c.Field.Group == FieldGroup.Person))
        {
            var f = cell.Field;
            if (state.FillOnly && Held(input, f))
            {
                continue;
            }
            switch (f.Name)
            {
                case "name":
                    var kind = f.Qualifier ?? (hasPrimary ? "alias" : NameKinds.Primary);
                    hasPrimary |= kind == NameKinds.Primary;
                    var existing = input.Names.FindIndex(n => n.Text?.Trim() == cell.Value && (n.Kind == kind || f.Qualifier is null));
                    if (existing < 0)
                    {
                        input.Names.Add(new PersonInput.NameInput { Text = cell.Value, Kind = kind });
                        existing = input.Names.Count - 1;
                    }
                    state.FieldCells[$"names[{existing}]"] = cell;
                    break;
                case "tags":
                    var at = input.Tags.IndexOf(cell.Value);
                    if (at < 0)
                    {
                        input.Tags.Add(cell.Value);
                        at = input.Tags.Count - 1;
                    }
                    state.FieldCells[$"tags[{at}]"] = cell;
                    break;
                case "biography":
                    input.Biography[f.Qualifier!] = cell.Value;
                    state.FieldCells["biography"] = cell;
                    break;
                case "sex":
                    input.Sex = cell.Value;
                    break;
                case "birthDate":
                    input.BirthDate = cell.Value;
                    break;
                case "reportedAgeOn":
                    input.ReportedAgeOn = cell.Value;
                    break;
                case "nationality":
                    input.Nationality = cell.Value;
                    break;
                case "ethnicity":
                    input.Ethnicity = cell.Value;
                    break;
                case "occupation":
                    input.Occupation = cell.Value;
                    break;
                case "level":
                    input.Level = cell.Value;
                    break;
                case "reportedAge":
                    input.ReportedAge = Number(state, cell);
                    break;
                default:
                    continue;
            }
            state.FieldCells.TryAdd(f.Name, cell);
        }
        if (input.Names.Count == 0)
        {
            input.Names.Add(new PersonInput.NameInput());
        }
    }

    /// <summary>Whether the person already has a value for this field (names and tags are added, never held).</summary>
    private static bool Held(PersonInput input, ImportField f) =>
        f.Name switch
        {
            "biography" => !string.IsNullOrWhiteSpace(input.Biography.GetValueOrDefault(f.Qualifier!)),
            "sex" => !string.IsNullOrWhiteSpace(input.Sex),
            "birthDate" => !string.IsNullOrWhiteSpace(input.BirthDate),
            "reportedAgeOn" => !string.IsNullOrWhiteSpace(input.ReportedAgeOn),
            "nationality" => !string.IsNullOrWhiteSpace(input.Nationality),
            "ethnicity" => !string.IsNullOrWhiteSpace(input.Ethnicity),
            "occupation" => !string.IsNullOrWhiteSpace(input.Occupation),
            "level" => !string.IsNullOrWhiteSpace(input.Level),
            "reportedAge" => input.ReportedAge is not null,
            _ => false,
        };

    /// <summary>Whether a recorded event already has a value for this field.</summary>
    private bool Held(EventInput input, string name) =>
        name switch
        {
            "type" => !string.IsNullOrWhiteSpace(input.Type),
            "date" => !string.IsNullOrWhiteSpace(input.Date),
            "endDate" => !string.IsNullOrWhiteSpace(input.EndDate),
            "decision" => !string.IsNullOrWhiteSpace(input.Decision),
            "releaseReason" => !string.IsNullOrWhiteSpace(input.ReleaseReason),
            "fine" => !string.IsNullOrWhiteSpace(input.Fine),
            "level" => !string.IsNullOrWhiteSpace(input.Level),
            "place" => input.PlaceId is not null,
            "description" => !string.IsNullOrWhiteSpace(input.Description.GetValueOrDefault(_mapping.Language)),
            "sentence" or "sentenceYears" or "sentenceMonths" or "sentenceDays" => input.SentenceYears is not null
                || input.SentenceMonths is not null
                || input.SentenceDays is not null,
            "suspendedYears" or "suspendedMonths" or "suspendedDays" => input.SuspendedYears is not null
                || input.SuspendedMonths is not null
                || input.SuspendedDays is not null,
            _ => false,
        };

    private int? Number(RowState state, ImportCell cell)
    {
        if (int.TryParse(cell.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        Problem(state.Row.Line, cell, Said["import.error.wholeNumber"]);
        state.Problems++;
        return null;
    }

    /// <summary>Turns a validation's errors (keyed by the API's field paths) into problems at the cells they came from.</summary>
    private void Report(RowState state, Validation validation, string prefix)
    {
        foreach (var (field, messages) in validation.Errors)
        {
            var cell = state.FieldCells.GetValueOrDefault(prefix + field)
                ?? state.FieldCells.GetValueOrDefault(prefix + field.Split('.')[0])
                ?? state.FieldCells.GetValueOrDefault(prefix + field.Split('[')[0]);
            foreach (var message in messages)
            {
                Problem(state.Row.Line, cell, cell is null ? $"{prefix}{field}: {message}" : message);
                state.Problems++;
            }
        }
    }

    private async Task<bool> ImportEventsAsync(RowState state, Person person, bool isNew, CancellationToken cancellationToken)
    {
        var groups = state
            .Row.Cells.Where(c => c.Field.Group == FieldGroup.Event)
            .GroupBy(c => c.Field.Number)
            .OrderBy(g => g.Key)
            .ToList();
        if (groups.Count == 0)
        {
            return false;
        }
        var existing = isNew
            ? []
            : await db
                .Events.Include(e => e.People)
                .Include(e => e.Actors)
                .Where(e => e.People.Any(p => p.PersonId == person.Id))
                .ToListAsync(cancellationToken);
        var changed = false;
        foreach (var group in groups)
        {
            var prefix = $"event{group.Key}.";
            var cells = Distinct(state, group);
            foreach (var cell in group)
            {
                state.FieldCells[prefix + cell.Field.Name] = cell;
            }
            var external = cells.GetValueOrDefault("externalId");
            var matched = MatchEvent(existing, cells, external);
            var input = matched is null ? new EventInput() : EventInput.From(matched);
            var before = state.Problems;
            if (matched is not null && state.FillOnly)
            {
                // A person matched by name: a recorded event keeps every value it has.
                cells = cells.Where(c => !Held(input, c.Key)).ToDictionary(StringComparer.Ordinal);
            }
            OverlayEvent(state, input, cells, prefix);
            var validation = input.Validate(vocabularies);
            if (cells.TryGetValue("place", out var place) && !vocabularies.IsValid("place-kind", _mapping.PlaceKind))
            {
                Problem(state.Row.Line, place, Said.Format("import.error.placeKind", _mapping.PlaceKind));
                state.Problems++;
            }
            Report(state, validation, prefix);
            if (state.Problems > before)
            {
                continue;
            }
            if (cells.TryGetValue("place", out place))
            {
                input.PlaceId = PlaceFor(place.Value);
            }
            if (matched is null)
            {
                var e = new Event { Type = input.Type! };
                input.ApplyTo(e, [person.Id], db.Viewer, db.Time.Today());
                Add(e);
                existing.Add(e);
                _report.Counts.EventsCreated++;
                changed = true;
                if (external is not null)
                {
                    Add(
                        new ExternalId
                        {
                            System = _system!,
                            Value = external.Value,
                            RecordType = "event",
                            RecordId = e.Id,
                            CreatedAt = db.Time.GetUtcNow(),
                        }
                    );
                }
            }
            else
            {
                var snapshot = Snapshot(matched);
                input.ApplyTo(
                    matched,
                    matched.People.Select(p => p.PersonId).Append(person.Id).Distinct().ToList(),
                    db.Viewer,
                    db.Time.Today()
                );
                if (Snapshot(matched) != snapshot)
                {
                    _report.Counts.EventsUpdated++;
                    changed = true;
                }
                if (external is not null && !_chunkIds.ContainsKey($"event\n{external.Value}"))
                {
                    Add(
                        new ExternalId
                        {
                            System = _system!,
                            Value = external.Value,
                            RecordType = "event",
                            RecordId = matched.Id,
                            CreatedAt = db.Time.GetUtcNow(),
                        }
                    );
                    _chunkIds[$"event\n{external.Value}"] = matched.Id;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /// <summary>An event's or a source's cells by field; two columns giving the same field (other than a text one, which
    /// they share) is a problem.</summary>
    private Dictionary<string, ImportCell> Distinct(RowState state, IEnumerable<ImportCell> group)
    {
        var cells = new Dictionary<string, ImportCell>(StringComparer.Ordinal);
        foreach (var cell in group)
        {
            if (!cells.TryAdd(cell.Field.Name, cell))
            {
                Problem(state.Row.Line, cell, Said.Format("import.error.columnTwice", cells[cell.Field.Name].Column, cell.Field));
                state.Problems++;
            }
        }
        return cells;
    }

    /// <summary>An event of the person already recorded: by its external id, else the same type on the same date.</summary>
    private Event? MatchEvent(List<Event> existing, Dictionary<string, ImportCell> cells, ImportCell? external)
    {
        if (external is not null && _chunkIds.TryGetValue($"event\n{external.Value}", out var id))
        {
            return existing.FirstOrDefault(e => e.Id == id);
        }
        var type = cells.GetValueOrDefault("type")?.Value;
        var date = cells.GetValueOrDefault("date")?.Value;
        return existing.FirstOrDefault(e => e.Type == type && (e.Date?.ToString() ?? "") == (date ?? ""));
    }

    private void OverlayEvent(RowState state, EventInput input, Dictionary<string, ImportCell> cells, string prefix)
    {
        foreach (var (name, cell) in cells)
        {
            switch (name)
            {
                case "type":
                    input.Type = cell.Value;
                    break;
                case "date":
                    input.Date = cell.Value;
                    break;
                case "endDate":
                    input.EndDate = cell.Value;
                    break;
                case "decision":
                    input.Decision = cell.Value;
                    break;
                case "releaseReason":
                    input.ReleaseReason = cell.Value;
                    break;
                case "fine":
                    input.Fine = cell.Value;
                    break;
                case "level":
                    input.Level = cell.Value;
                    break;
                case "description":
                    input.Description[_mapping.Language] = cell.Value;
                    break;
                case "sentence":
                    if (ImportValues.TrySentence(cell.Value, out var years, out var months, out var days))
                    {
                        (input.SentenceYears, input.SentenceMonths, input.SentenceDays) = (years, months, days);
                        state.FieldCells[prefix + "sentenceYears"] = cell;
                    }
                    else
                    {
                        Problem(state.Row.Line, cell, Said["import.error.sentence"]);
                        state.Problems++;
                    }
                    break;
                case "sentenceYears":
                    input.SentenceYears = Number(state, cell);
                    break;
                case "sentenceMonths":
                    input.SentenceMonths = Number(state, cell);
                    break;
                case "sentenceDays":
                    input.SentenceDays = Number(state, cell);
                    break;
                case "suspendedYears":
                    input.SuspendedYears = Number(state, cell);
                    break;
                case "suspendedMonths":
                    input.SuspendedMonths = Number(state, cell);
                    break;
                case "suspendedDays":
                    input.SuspendedDays = Number(state, cell);
                    break;
                default:
                    break;
            }
        }
    }

    private async Task<Dictionary<string, Guid>> LoadPlacesAsync(CancellationToken cancellationToken)
    {
        var places = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (
            var place in await db.Places.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Id, p.Names }).ToListAsync(cancellationToken)
        )
        {
            foreach (var name in place.Names.Values)
            {
                places.TryAdd(NameFolding.Fold(name), place.Id);
            }
        }
        return places;
    }

    /// <summary>The place recorded under this name (in any language), else a new place of the mapping's kind.</summary>
    private Guid PlaceFor(string name)
    {
        var key = NameFolding.Fold(name);
        if (_places.TryGetValue(key, out var id))
        {
            return id;
        }
        var place = new Place
        {
            Kind = _mapping.PlaceKind,
            Names = new LocalizedText(new Dictionary<string, string> { [_mapping.Language] = name.Trim() }),
        };
        Add(place);
        _places[key] = place.Id;
        _report.Counts.PlacesCreated++;
        return place.Id;
    }

    private async Task<bool> ImportSourcesAsync(RowState state, Person person, bool isNew, CancellationToken cancellationToken)
    {
        var changed = false;
        foreach (
            var group in state.Row.Cells.Where(c => c.Field.Group == FieldGroup.Source).GroupBy(c => c.Field.Number).OrderBy(g => g.Key)
        )
        {
            var prefix = $"source{group.Key}.";
            var cells = Distinct(state, group);
            foreach (var cell in group)
            {
                state.FieldCells[prefix + cell.Field.Name] = cell;
            }
            string? Value(string name) => cells.GetValueOrDefault(name)?.Value;
            var input = new SourceInput
            {
                Title = Value("title") ?? Value("url"),
                Url = Value("url"),
                Date = Value("date"),
                Publisher = Value("publisher"),
                Author = Value("author"),
                Kind = Value("kind"),
                Language = Value("language"),
            };
            var citation = new CitationInput
            {
                TargetType = "person",
                Page = Value("page"),
                Quote = Value("quote"),
            };
            var validation = input.Validate(vocabularies);
            validation.Line("page", citation.Page, 100, "import.label.page");
            validation.MaxLength("quote", citation.Quote, 5000, "import.label.quote");
            var before = state.Problems;
            Report(state, validation, prefix);
            if (state.Problems > before)
            {
                continue;
            }
            var key = input.Url is { Length: > 0 } url ? "url\n" + url.Trim() : "title\n" + input.Title!.Trim();
            if (!_sources.TryGetValue(key, out var sourceId))
            {
                var found = input.Url is { Length: > 0 }
                    ? await db.Sources.Where(s => s.Url == input.Url.Trim()).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken)
                    : await db
                        .Sources.Where(s => s.Title == input.Title!.Trim())
                        .Select(s => (Guid?)s.Id)
                        .FirstOrDefaultAsync(cancellationToken);
                if (found is { } f)
                {
                    sourceId = f;
                }
                else
                {
                    var source = new Source { Title = "" };
                    input.ApplyTo(source, db.Viewer);
                    Add(source);
                    sourceId = source.Id;
                    _report.Counts.SourcesCreated++;
                }
                _sources[key] = sourceId;
            }
            var cited =
                _cited.Contains((sourceId, person.Id))
                || (
                    !isNew
                    && await db.Citations.AnyAsync(
                        c => c.SourceId == sourceId && c.TargetType == "person" && c.TargetId == person.Id,
                        cancellationToken
                    )
                );
            if (!cited)
            {
                _cited.Add((sourceId, person.Id));
                citation.SourceId = sourceId;
                citation.TargetId = person.Id;
                Add(citation.ToCitation());
                _report.Counts.CitationsCreated++;
                changed = true;
            }
        }
        return changed;
    }

    /// <summary>New people whose names match someone recorded before this import (the name index, as the person form uses it).</summary>
    private async Task FindDuplicatesAsync(CancellationToken cancellationToken)
    {
        var found = new List<(int Line, Guid Id, string Name, List<Core.Names.NameMatch> Matches)>();
        foreach (var (line, id, names) in _newPeople)
        {
            var matches = names
                .Distinct()
                .Take(Habeas.Platform.Api.InputLimits.DuplicateLookupNames)
                .SelectMany(n => index!.Index.Search(n, 5))
                .Where(m => m.Score >= Habeas.Records.Duplicates.DuplicateFinder.Threshold && m.Reason != "partial" && m.PersonId != id)
                .GroupBy(m => m.PersonId)
                .Select(g => g.MaxBy(m => m.Score)!)
                .OrderByDescending(m => m.Score)
                .Take(5)
                .ToList();
            if (matches.Count > 0)
            {
                found.Add((line, id, names.FirstOrDefault() ?? "", matches));
            }
        }
        if (found.Count == 0)
        {
            return;
        }
        var ids = found.SelectMany(f => f.Matches.Select(m => m.PersonId)).Distinct().ToList();
        // Only people the importer may see are named.
        var held = (
            await db
                .PersonNames.AsNoTracking()
                .Where(n => ids.Contains(n.PersonId) && db.Set<Person>().Any(p => p.Id == n.PersonId))
                .Select(n => new
                {
                    n.PersonId,
                    n.Id,
                    n.Text,
                    n.Kind,
                    n.SortOrder,
                })
                .ToListAsync(cancellationToken)
        ).ToLookup(n => n.PersonId);
        foreach (var (line, id, name, matches) in found)
        {
            var shown = matches
                .Where(m => held[m.PersonId].Any())
                .Select(m =>
                {
                    var theirs = held[m.PersonId].OrderBy(n => n.Kind == NameKinds.Primary ? 0 : 1).ThenBy(n => n.SortOrder).ToList();
                    return new PossibleMatch(
                        m.PersonId,
                        theirs[0].Text,
                        m.Score,
                        theirs.FirstOrDefault(n => n.Id == m.NameId)?.Text ?? theirs[0].Text
                    );
                })
                .ToList();
            if (shown.Count > 0)
            {
                _report.PossibleDuplicates.Add(new PossibleDuplicate(line, id, name, shown));
            }
        }
    }
}
