namespace Habeas.Records.Events;

/// <summary>An event as a person's or a source's page lists it.</summary>
public sealed record EventRef(Guid Id, string Type, string? Date, Guid? CaseId);
