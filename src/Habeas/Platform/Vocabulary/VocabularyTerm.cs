using Habeas.Platform.Shared;

namespace Habeas.Platform.Vocabulary;

/// <summary>
/// One term of a controlled vocabulary (event types, roles, tags, release reasons…), with a label in each
/// interface language. Vocabularies are data: adding a term or a language needs no code change.
/// </summary>
public sealed class VocabularyTerm
{
    public required string Vocabulary { get; set; }
    public required string Code { get; set; }
    public string? ParentCode { get; set; }
    public LocalizedText Labels { get; set; } = new();
    public int SortOrder { get; set; }
}
