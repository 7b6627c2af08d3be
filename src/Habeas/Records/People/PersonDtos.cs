using Habeas.Records.Events;

namespace Habeas.Records.People;

// What the people API and the people pages answer with.
public sealed record NameDto(string Text, string Script, string Kind);

public sealed record PersonSummary(Guid Id, string DisplayName, IReadOnlyList<NameDto> Names, string CustodyStatus);

public sealed record CustodyDto(string Status, string From, string? To, bool Presumed);

public sealed record DaysDto(int Estimate, int Minimum, int Maximum);

public sealed record CaseRef(Guid Id, string Title, string Role);

public sealed record PersonDetail(
    Guid Id,
    int Version,
    string Level,
    string DisplayName,
    IReadOnlyList<NameDto> Names,
    string? Sex,
    string? BirthDate,
    int? ReportedAge,
    string? ReportedAgeOn,
    string? Nationality,
    string? Ethnicity,
    string? Occupation,
    IReadOnlyDictionary<string, string> Biography,
    IReadOnlyList<string> Tags,
    string CustodyStatus,
    IReadOnlyList<CustodyDto> Custody,
    DaysDto DaysDetained,
    string? SentenceEnd,
    IReadOnlyList<CustodyWarningDto> CustodyWarnings,
    IReadOnlyList<CaseRef> Cases,
    IReadOnlyList<EventRef> Events
);

/// <summary>A contradiction found in the person's events: a stable <paramref name="Code"/> (CustodyWarnings), the event
/// it is about, and the message in the reader's language (Accept-Language).</summary>
public sealed record CustodyWarningDto(string Code, Guid EventId, string Message);

public sealed record PossibleDuplicate(Guid Id, string DisplayName, int Score, string MatchedName);

public sealed record PersonCreated(Guid Id, int Version, IReadOnlyList<PossibleDuplicate> PossibleDuplicates);
