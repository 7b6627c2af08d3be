namespace Habeas.Platform.Vocabulary;

public static class VocabularyApi
{
    public sealed record TermDto(string Code, IReadOnlyDictionary<string, string> Labels);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vocabularies/{name}", (string name, Vocabularies vocabularies) =>
            {
                var terms = vocabularies.Terms(name);
                return terms.Count == 0
                    ? Api.Problems.NotFoundNamed("vocabulary", name)
                    : Results.Ok(new { items = terms.Select(t => new TermDto(t.Code, t.Labels)), total = terms.Count });
            })
            .WithTags("Vocabularies")
            .WithSummary("The terms of a controlled vocabulary (event-type, case-role, person-tag, …) with their labels in each language.");
    }
}
