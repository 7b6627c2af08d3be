using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;

namespace Habeas.Publishing.Publication;

/// <summary>
/// <c>POST /api/v1/cases/{id}/publish</c> and <c>/unpublish</c> (coordinators and administrators): the records of a case
/// (its own id, its people's, events' and sources') made public, or taken back to internal, in one save with one audit
/// entry (<see cref="CasePublication"/>). 400 names an id that is not a record of the case, a restricted record, or a
/// request that changes nothing; nothing is saved then.
/// </summary>
public static class PublicationApi
{
    /// <summary>The ids of the records to publish or unpublish.</summary>
    public sealed record PublicationInput(IReadOnlyList<Guid>? Records);

    public sealed record ChangedRecord(string Type, Guid Id, string Level);

    public sealed record PublicationResult(Guid CaseId, IReadOnlyList<ChangedRecord> Changed);

    public static void Map(RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{id:guid}").WithTags("Cases").RequireAuthorization(Policies.Write, Policies.Publish);
        cases
            .MapPost("/publish", (Guid id, PublicationInput input, HabeasDb db, CancellationToken ct) => SaveAsync(id, input, db, true, ct))
            .WithSummary(
                "Publish records of a case in one step: `records` lists ids of the case, its people, events and sources "
                    + "(GET the case for them). One save, one feed entry; restricted records are refused (400)."
            );
        cases
            .MapPost("/unpublish", (Guid id, PublicationInput input, HabeasDb db, CancellationToken ct) =>
                SaveAsync(id, input, db, false, ct)
            )
            .WithSummary("Take public records of a case back to internal in one step (`records`: their ids).");
    }

    private static async Task<IResult> SaveAsync(
        Guid id,
        PublicationInput input,
        HabeasDb db,
        bool publish,
        CancellationToken cancellationToken
    )
    {
        if (await CasePublication.LoadAsync(db, id, cancellationToken) is not { } contents)
        {
            return Habeas.Platform.Api.Problems.Said(404, "publication.problem.noCase", "publication.problem.noCaseDetail", id);
        }
        var (validation, changed) = await CasePublication.SaveAsync(db, contents, input.Records ?? [], publish, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return Results.Ok(
            new PublicationResult(id, changed.Select(c => new ChangedRecord(c.Type, c.Id, publish ? "public" : "internal")).ToList())
        );
    }
}
