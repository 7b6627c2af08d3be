using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;

namespace Habeas.Platform.Accounts;

/// <summary>
/// /api/v1/tokens: a signed-in user's own API tokens (any role). Another user's token is never listed and is
/// answered 404, as if it did not exist. The stored hash is never returned; the token itself only once, at creation.
/// </summary>
public static class TokensApi
{
    public const int MaxNameLength = 100;

    public sealed record TokenInput(string? Name, int? ExpiresInDays);

    public sealed record CreatedToken(Guid Id, string Token, DateTimeOffset ExpiresAt);

    public static void Map(RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Tokens").RequireAuthorization(Policies.Read);
        tokens.MapGet("/", ListAsync).WithSummary("Your own API tokens: name, created, expires, revoked.");
        tokens
            .MapPost("/", CreateAsync)
            .AnswerHoldsSecret()
            .WithSummary(
                "Create an API token for yourself (expiresInDays 1–365; made with a token, it expires no later than that one); the token is in this answer only."
            );
        tokens.MapDelete("/{id:guid}", RevokeAsync).WithSummary("Revoke one of your own tokens; it stops working at once.");
    }

    /// <summary>What is wrong with a token request; shared with the tokens page.</summary>
    public static Validation Validate(string? name, int? expiresInDays)
    {
        var validation = new Validation();
        validation.Required("name", name, "tokens.name");
        validation.MaxLength("name", name?.Trim(), MaxNameLength, "tokens.name");
        if (expiresInDays is null)
        {
            validation.Add("expiresInDays", "validation.required", new Validation.Label("label.token.days"));
        }
        validation.Range("expiresInDays", expiresInDays, 1, 365, "label.token.days");
        return validation;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        HabeasDb db,
        UserManager<HabeasUser> users,
        CancellationToken cancellationToken
    ) =>
        users.GetUserId(http.User) is { } userId
            ? Results.Ok(new { items = await ApiTokens.ListAsync(db, userId, cancellationToken) })
            : Results.Forbid();

    private static async Task<IResult> CreateAsync(
        TokenInput input,
        HttpContext http,
        HabeasDb db,
        UserManager<HabeasUser> users,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (users.GetUserId(http.User) is not { } userId)
        {
            return Results.Forbid();
        }
        var validation = Validate(input.Name, input.ExpiresInDays);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var issued = await ApiTokens.IssueAsync(
            db,
            userId,
            input.Name!.Trim(),
            TimeSpan.FromDays(input.ExpiresInDays!.Value),
            time,
            cancellationToken,
            ApiTokens.CallerTokenExpiry(http.User)
        );
        return Results.Created($"/api/v1/tokens/{issued.Id}", new CreatedToken(issued.Id, issued.Secret, issued.ExpiresAt));
    }

    private static async Task<IResult> RevokeAsync(
        Guid id,
        HttpContext http,
        HabeasDb db,
        UserManager<HabeasUser> users,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        if (users.GetUserId(http.User) is not { } userId)
        {
            return Results.Forbid();
        }
        return await ApiTokens.RevokeAsync(db, userId, id, time, cancellationToken)
            ? Results.NoContent()
            : Problems.Problem(
                StatusCodes.Status404NotFound,
                "problem.notFound.title",
                "tokens.error.notFound",
                [Problems.Noun("token"), id]
            );
    }
}
