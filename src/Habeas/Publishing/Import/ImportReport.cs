namespace Habeas.Publishing.Import;

/// <summary>A problem found in the file: where (line or record number, column as headed in the file), the value and what is wrong.
/// Line 0 is the file or the mapping as a whole.</summary>
public sealed record ImportProblem(int Line, string Column, string? Field, string? Value, string Message);

public sealed record PossibleMatch(Guid Id, string DisplayName, int Score, string MatchedName);

/// <summary>A new person whose name matches someone already recorded: imported all the same, listed for review.</summary>
public sealed record PossibleDuplicate(int Line, Guid PersonId, string Name, IReadOnlyList<PossibleMatch> Matches);

/// <summary>A person recorded already whom a row without ids may be about: a name matching in the name index, a birth date not
/// contradicting the row's. <see cref="Likely"/>: the birth dates agree, or neither is known and a name is the same (folded);
/// only a likely candidate is taken without a choice.</summary>
public sealed record MatchCandidate(Guid Id, string DisplayName, string MatchedName, int Score, string? BirthDate, bool Likely);

/// <summary>A row without ids (neither a Habeas id nor an external id) whose names match people already recorded, or for which
/// the mapping chose: the person it is taken to be (<see cref="SameAs"/>), or none (a new person). <see cref="Chosen"/> is true
/// when the mapping's <c>matches</c> decided, false when the best candidate was taken.</summary>
public sealed record RowMatch(
    int Line,
    string Name,
    string? BirthDate,
    Guid? SameAs,
    bool Chosen,
    IReadOnlyList<MatchCandidate> Candidates
);

public sealed class ImportCounts
{
    public int Rows { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int EventsCreated { get; set; }
    public int EventsUpdated { get; set; }
    public int SourcesCreated { get; set; }
    public int CitationsCreated { get; set; }
    public int PlacesCreated { get; set; }
}

/// <summary>What an import did, or (dry run, or any problem) would have done: written whole or not at all.</summary>
public sealed class ImportReport
{
    public string File { get; set; } = "";
    public string Sha256 { get; set; } = "";
    public string Format { get; set; } = "";
    public string? System { get; set; }
    public bool DryRun { get; set; }

    /// <summary>True when the batch was committed; false for a dry run and whenever any problem was found.</summary>
    public bool Written { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public double Seconds { get; set; }
    public ImportCounts Counts { get; set; } = new();
    public List<ImportProblem> Problems { get; set; } = [];

    /// <summary>Columns of the file that no field takes (neither mapped nor ignored on purpose by the mapping).</summary>
    public List<string> UnmappedColumns { get; set; } = [];
    public List<PossibleDuplicate> PossibleDuplicates { get; set; } = [];

    /// <summary>Rows without ids matched by name and birth date to people already recorded (docs/import.md, "Rows without ids").</summary>
    public List<RowMatch> Matches { get; set; } = [];

    /// <summary>The command line's exit code: 0 imported (or a clean dry run), 1 problems found and nothing written.</summary>
    public int ExitCode => Problems.Count == 0 ? 0 : 1;
}
