using Habeas.Platform.Api;

namespace Habeas.Platform.History;

/// <summary>The model of _SavedSince.cshtml: where the saved record is, and what was saved since the editor read it (null: deleted
/// since).</summary>
public sealed record ConflictNotice(string RecordUrl, Saving.SavedSince? Since);
