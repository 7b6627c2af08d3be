using System.Security.Claims;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Authorization;

namespace Habeas.Platform.Retraction;

/// <summary><c>POST /api/v1/{segment}/{id}/retract</c> and <c>/restore</c> for every kind that can be retracted, and
/// <c>GET /api/v1/retracted</c>, the coordinators' list (docs/retraction.md).</summary>
public static class RetractionApi
{
    /// <summary>Why a record is retracted.</summary>
    public sealed record RetractInput(string? Reason);

    /// <summary>A record's retraction as the API gives it.</summary>
    public sealed record RetractionDto(string Kind, Guid Id, DateTimeOffset? RetractedAt, string? RetractedBy, string? Reason);

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var kind in Retractions.Kinds)
        {
            api.MapPost(
                    $"/{kind.Segment}/{{id:guid}}/retract",
                    (
                        Guid id,
                        RetractInput input,
                        HabeasDb db,
                        ClaimsPrincipal user,
                        IAuthorizationService authorization,
                        CancellationToken cancellationToken
                    ) => RetractAsync(kind, id, input, db, user, authorization, cancellationToken)
                )
                .WithTags("Retraction")
                .RequireAuthorization(kind.Rule.Policy)
                .WithSummary(
                    $"Retract a {kind.RecordType} with a reason: it leaves every list, search, statistic and public page at once; history keeps it; a coordinator can restore it."
                );
            api.MapPost($"/{kind.Segment}/{{id:guid}}/restore", (Guid id, HabeasDb db, CancellationToken cancellationToken) =>
                    RestoreAsync(kind, id, db, cancellationToken)
                )
                .WithTags("Retraction")
                .RequireAuthorization(Policies.Coordinate)
                .WithSummary($"Restore a retracted {kind.RecordType} (coordinators and administrators).");
        }
        api.MapGet("/retracted", ListAsync)
            .WithTags("Retraction")
            .RequireAuthorization(Policies.Coordinate)
            .WithSummary("The retracted records the caller may see, newest first (at most 100 of each kind).");
    }

    private static async Task<IResult> RetractAsync(
        RetractableKind kind,
        Guid id,
        RetractInput input,
        HabeasDb db,
        ClaimsPrincipal user,
        IAuthorizationService authorization,
        CancellationToken cancellationToken
    )
    {
        if (await Retractions.FindAsync(db, kind, id, cancellationToken) is not { } record)
        {
            return NotFound(kind, id);
        }
        if (!(await authorization.AuthorizeAsync(user, kind.Rule.PolicyFor(record))).Succeeded)
        {
            return Api.Problems.Problem(
                403,
                "retraction.problem.forbidden",
                "retraction.problem.forbiddenDetail",
                [Api.Problems.Noun(kind.RecordType)]
            );
        }
        if (record.RetractedAt is not null)
        {
            return Api.Problems.Problem(
                409,
                "retraction.problem.already",
                "retraction.problem.alreadyDetail",
                [
                    Api.Problems.Noun(kind.RecordType),
                    Localization.Display.Day(DateOnly.FromDateTime(record.RetractedAt.Value.UtcDateTime)),
                    record.RetractionReason,
                ]
            );
        }
        var validation = Retractions.CheckReason(input?.Reason);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        await Retractions.RetractAsync(db, kind, record, input!.Reason!, cancellationToken);
        return Results.Ok(Dto(kind, record));
    }

    private static async Task<IResult> RestoreAsync(RetractableKind kind, Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        if (await Retractions.FindAsync(db, kind, id, cancellationToken) is not { } record)
        {
            return NotFound(kind, id);
        }
        if (record.RetractedAt is null)
        {
            return Api.Problems.Problem(409, "retraction.problem.notRetracted", args: [Api.Problems.Noun(kind.RecordType)]);
        }
        await Retractions.RestoreAsync(db, kind, record, cancellationToken);
        return Results.Ok(Dto(kind, record));
    }

    private static async Task<IResult> ListAsync(HabeasDb db, CancellationToken cancellationToken) =>
        Results.Ok((await Retractions.ListAsync(db, 100, cancellationToken)).Select(r => Dto(r.Kind, r.Record)));

    private static RetractionDto Dto(RetractableKind kind, Shared.IRetractable record) =>
        new(kind.Segment, record.Id, record.RetractedAt, record.RetractedBy, record.RetractionReason);

    private static IResult NotFound(RetractableKind kind, Guid id) => Api.Problems.NotFound(kind.RecordType, id);
}
