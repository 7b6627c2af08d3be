using System.Security.Claims;
using System.Security.Cryptography;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Api;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c> header and the answer it got, kept so that the same request sent
/// again — after a timeout, a dropped connection or a crash of the server — gets that answer back instead of being
/// done twice. Written in the same transaction as the write itself, so a write is never committed without it.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The user (or token owner) who sent it: one user's key never answers another's request.</summary>
    public required string Owner { get; set; }
    public required string Key { get; set; }
    public required string Method { get; set; }
    public required string Path { get; set; }

    /// <summary>SHA-256 of the request body, lower-case hex: the same key with another body is refused (422).</summary>
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Idempotent API writes (IETF draft "The Idempotency-Key HTTP Header Field"). A POST, PUT, PATCH or DELETE under
/// /api/v1 with the header runs inside one database transaction that first claims the key, then does the write, then
/// stores the answer beside it and commits all of it together; only then is the answer sent. The same key again
/// from the same user with the same method, path and body gets the stored answer (header
/// <c>Idempotent-Replayed: true</c>) and writes nothing; with another request it gets 422. Two requests with one key
/// at once: the second waits for the first and gets its answer. Answers other than 2xx are not kept (nothing was
/// written, so doing it again is safe). Keys are kept <see cref="KeepHoursKey"/> hours (default 24).
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const string KeepHoursKey = "Habeas:Idempotency:KeepHours";
    public const int MaxKeyLength = 255;

    private static long _nextCleanupTicks;

    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app) =>
        app.Use(
            async (context, next) =>
            {
                var request = context.Request;
                if (!request.Headers.TryGetValue(Header, out var values) || !IsWrite(request))
                {
                    await next(context);
                    return;
                }
                var key = Parse(values.ToString());
                if (key is null)
                {
                    await WriteProblemAsync(
                        context,
                        400,
                        "The Idempotency-Key header is not valid.",
                        $"Send one key of 1 to {MaxKeyLength} visible ASCII characters, for example a UUID."
                    );
                    return;
                }

                request.EnableBuffering();
                var requestHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(request.Body, context.RequestAborted));
                request.Body.Position = 0;
                var owner = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
                var db = context.RequestServices.GetRequiredService<HabeasDb>();
                var time = context.RequestServices.GetRequiredService<TimeProvider>();
                await CleanUpAsync(db, time, context.RequestServices.GetRequiredService<IConfiguration>(), context.RequestAborted);

                if (await FindAsync(db, owner, key, context.RequestAborted) is { } earlier)
                {
                    await ReplayAsync(context, earlier, request, requestHash);
                    return;
                }

                var record = new IdempotencyRecord
                {
                    Owner = owner,
                    Key = key,
                    Method = request.Method,
                    Path = request.Path.Value ?? "",
                    RequestHash = requestHash,
                    CreatedAt = time.GetUtcNow(),
                };
                var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
                try
                {
                    // Claimed first: a second request with this key waits here until the first commits, then finds its answer.
                    db.Add(record);
                    await db.SaveChangesAsync(context.RequestAborted);
                }
                catch (DbUpdateException)
                {
                    await transaction.DisposeAsync();
                    db.ChangeTracker.Clear();
                    if (await FindAsync(db, owner, key, context.RequestAborted) is { } first)
                    {
                        await ReplayAsync(context, first, request, requestHash);
                        return;
                    }
                    throw;
                }

                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                var committed = false;
                var failed = false;
                try
                {
                    await next(context);
                    var status = context.Response.StatusCode;
                    if (status is >= 200 and < 300)
                    {
                        record.StatusCode = status;
                        record.Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
                        if (!HoldsSecret(context))
                        {
                            record.ContentType = context.Response.ContentType;
                            record.Body = buffer.ToArray();
                        }
                        db.Entry(record).State = EntityState.Modified;
                        await db.SaveChangesAsync(context.RequestAborted);
                        await db.CommitAsync(transaction, context.RequestAborted);
                        committed = true;
                    }
                }
                catch (Exception) when (!committed)
                {
                    failed = true;
                    throw;
                }
                finally
                {
                    if (!committed)
                    {
                        try
                        {
                            await transaction.RollbackAsync(CancellationToken.None);
                        }
                        catch (Exception) when (failed)
                        {
                            // The connection died with the failure (the database went away): the database undoes the
                            // transaction itself, and the failure, not this, is what the client must be told.
                        }
                    }
                    await transaction.DisposeAsync();
                    context.Response.Body = original;
                }
                buffer.Position = 0;
                await buffer.CopyToAsync(original, context.RequestAborted);
            }
        );

    /// <summary>
    /// Marks an endpoint whose answer carries a secret (a new API token): the answer is not kept, since the database,
    /// its WAL and its backups must never hold a usable secret. The same key again is then told the write was done
    /// (409, with the Location of what it made) instead of getting the secret a second time.
    /// </summary>
    public sealed class SecretAnswer
    {
        public static readonly SecretAnswer Instance = new();

        private SecretAnswer() { }
    }

    /// <summary>See <see cref="SecretAnswer"/>.</summary>
    public static TBuilder AnswerHoldsSecret<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(SecretAnswer.Instance);

    private static bool HoldsSecret(HttpContext context) => context.GetEndpoint()?.Metadata.GetMetadata<SecretAnswer>() is not null;

    private static bool IsWrite(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase)
        && (
            HttpMethods.IsPost(request.Method)
            || HttpMethods.IsPut(request.Method)
            || HttpMethods.IsPatch(request.Method)
            || HttpMethods.IsDelete(request.Method)
        );

    /// <summary>The key as sent: a plain token, or a structured-field string in double quotes as the draft writes it.</summary>
    internal static string? Parse(string value)
    {
        var key = value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
        return key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~') ? key : null;
    }

    private static Task<IdempotencyRecord?> FindAsync(HabeasDb db, string owner, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Owner == owner && r.Key == key, cancellationToken);

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord earlier, HttpRequest request, string requestHash)
    {
        if (earlier.Method != request.Method || earlier.Path != (request.Path.Value ?? "") || earlier.RequestHash != requestHash)
        {
            await WriteProblemAsync(
                context,
                422,
                "This Idempotency-Key was used for another request.",
                $"The key was first sent with {earlier.Method} {earlier.Path} and another body; a new request needs a new key."
            );
            return;
        }
        if (HoldsSecret(context))
        {
            if (earlier.Location is not null)
            {
                context.Response.Headers.Location = earlier.Location;
            }
            context.Response.Headers[ReplayedHeader] = "true";
            await WriteProblemAsync(
                context,
                409,
                "This request was already done.",
                "Its answer held a secret, which is never kept, so it cannot be sent again"
                    + (earlier.Location is null ? "." : $"; what it made is at {earlier.Location}.")
            );
            return;
        }
        context.Response.StatusCode = earlier.StatusCode;
        if (earlier.ContentType is not null)
        {
            context.Response.ContentType = earlier.ContentType;
        }
        if (earlier.Location is not null)
        {
            context.Response.Headers.Location = earlier.Location;
        }
        context.Response.Headers[ReplayedHeader] = "true";
        await context.Response.Body.WriteAsync(earlier.Body, context.RequestAborted);
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context
            .RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = status,
                        Title = title,
                        Detail = detail,
                    },
                }
            );
    }

    /// <summary>At most once an hour per server, keys older than the keeping time are deleted.</summary>
    private static async Task CleanUpAsync(
        HabeasDb db,
        TimeProvider time,
        IConfiguration configuration,
        CancellationToken cancellationToken
    )
    {
        var now = time.GetUtcNow();
        var next = Interlocked.Read(ref _nextCleanupTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextCleanupTicks, now.AddHours(1).UtcTicks, next) != next)
        {
            return;
        }
        var before = now.AddHours(-configuration.GetValue(KeepHoursKey, 24));
        await db.IdempotencyRecords.Where(r => r.CreatedAt < before).ExecuteDeleteAsync(cancellationToken);
    }
}
