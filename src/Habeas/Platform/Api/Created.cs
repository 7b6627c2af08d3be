namespace Habeas.Platform.Api;

/// <summary>What a create or update answers: the record's id and its new version.</summary>
public sealed record Created(Guid Id, int Version);
