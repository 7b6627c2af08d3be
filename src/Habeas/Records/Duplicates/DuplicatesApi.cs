using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Records.People;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Duplicates;

public static class DuplicatesApi
{
    public sealed record MergeInput(Guid? Into);

    public sealed record DismissInput(Guid? A, Guid? B);

    public static void Map(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("Duplicates");
        people
            .MapGet("/duplicates", ListAsync)
            .WithSummary(
                "Likely duplicate people, most likely first, with the reasons (names that are spellings of one name, birth dates). Worked out in the background after each change; current is false while changes are still being worked through."
            );
        people
            .MapPost("/duplicates/dismiss", DismissAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Say that two people are not the same person: the pair is no longer listed.");
        people
            .MapPost("/{id:guid}/merge", MergeAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Merge this person into another ({\"into\": id}): names, events, cases, charges and citations move; this id then resolves to the other."
            );
        people
            .MapPost("/{id:guid}/unmerge", UnmergeAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Undo the merge of this person: what moved goes back.");
    }

    private static async Task<IResult> ListAsync(HabeasDb db, DuplicateFinder finder, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 500)
        {
            var v = new Validation();
            v.Add("limit", "validation.range", new Validation.Label("validation.label.limit"), 1, 500);
            return v.Problem();
        }
        var pairs = await finder.FindAsync(db, limit ?? 50, cancellationToken);
        // current: false while the background job has changes still to work through.
        return Results.Ok(new { items = pairs, current = finder.IsCurrent });
    }

    private static async Task<IResult> MergeAsync(
        Guid id,
        MergeInput input,
        HabeasDb db,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (!await db.People.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.Problem(404, "problem.notFound.title", "merge.error.noPerson", [Problems.Noun("person"), id]);
        }
        if (input.Into is not { } into)
        {
            var v = new Validation();
            v.Add("into", "duplicates.error.into");
            return v.Problem();
        }
        return Answer(await Merging.MergeAsync(db, id, into, time, cancellationToken));
    }

    private static async Task<IResult> UnmergeAsync(Guid id, HabeasDb db, TimeProvider time, CancellationToken cancellationToken) =>
        Answer(await Merging.UndoAsync(db, id, time, cancellationToken));

    private static IResult Answer(Merging.Outcome outcome) =>
        outcome.Merge is { } merge
            ? Results.Ok(
                new
                {
                    merged = merge.MergedId,
                    into = merge.IntoId,
                    mergeId = merge.Id,
                    undone = merge.UndoneAt is not null,
                }
            )
            : Results.Problem(
                statusCode: outcome.Status,
                title: outcome.Status == 404
                    ? Problems.Say("problem.notFound.title", Problems.Noun("person"))
                    : Problems.Say("merge.error.title"),
                detail: outcome.Problem
            );

    private static async Task<IResult> DismissAsync(DismissInput input, HabeasDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (input.A is null)
        {
            v.Add("a", "duplicates.error.pair");
        }
        if (input.B is null || input.B == input.A)
        {
            v.Add("b", "duplicates.error.pairDifferent");
        }
        if (!v.IsValid)
        {
            return v.Problem();
        }
        var (a, b) = (input.A!.Value, input.B!.Value);
        var visible = await db.People.CountAsync(p => p.Id == a || p.Id == b, cancellationToken);
        if (visible < 2)
        {
            return Problems.Problem(404, "problem.notFound.title", "duplicates.error.notFound", [Problems.Noun("person")]);
        }
        await DuplicateFinder.DismissAsync(db, a, b, time, cancellationToken);
        return Results.NoContent();
    }
}
