using Habeas.Platform.Api;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Sources;

public static class SourcesApi
{
    public sealed record SourceDetail(
        Guid Id,
        int Version,
        string Level,
        string Title,
        string? Kind,
        string? Publisher,
        string? Author,
        string? Date,
        string? Url,
        string? Language,
        string? Reliability,
        string? Excerpt
    );

    public sealed record CitationDto(Guid Id, Guid SourceId, string TargetType, Guid TargetId, string? Field, string? Page, string? Quote);

    public static void Map(RouteGroupBuilder api)
    {
        var sources = api.MapGroup("/sources").WithTags("Sources");
        sources.MapGet("/", ListAsync).WithSummary("List sources, filtered by words of the title, publisher or author.");
        sources.MapGet("/{id:guid}", GetAsync).WithSummary("One source.");
        sources
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Create a source; only a title is required.");
        sources
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace a source's fields; send the version you read.");
        var citations = api.MapGroup("/citations").WithTags("Sources");
        citations.MapGet("/", ListCitationsAsync).WithSummary("Citations of a source, or of a record (targetType and targetId).");
        citations
            .MapPost("/", CiteAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Tie a source to one record, or one field of it, with the page or quote.");
    }

#pragma warning disable CA1304, CA1311, CA1862 // EF translates ToLower() and Contains() to SQL; no culture applies.
    public static IQueryable<Source> Filter(HabeasDb db, string? q)
    {
        var query = db.Sources.AsQueryable();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(s =>
                s.Title.ToLower().Contains(text)
                || (s.Publisher != null && s.Publisher.ToLower().Contains(text))
                || (s.Author != null && s.Author.ToLower().Contains(text))
            );
        }
        return query;
    }
#pragma warning restore CA1304, CA1311, CA1862

    private static async Task<IResult> ListAsync(HabeasDb db, string? q, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        var query = Filter(db, q).AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderBy(s => s.Title)
            .ThenBy(s => s.Id)
            .Skip(offset ?? 0)
            .Take(limit ?? Paging.DefaultLimit)
            .ToListAsync(cancellationToken);
        return Results.Ok(new { items = items.Select(ToDetail), total });
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, CancellationToken cancellationToken)
    {
        var s = await db.Sources.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        return s is null ? NotFound(id) : Results.Ok(ToDetail(s));
    }

    private static async Task<IResult> CreateAsync(
        SourceInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var validation = input.Validate(vocabularies);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var s = new Source { Title = "" };
        input.ApplyTo(s, db.Viewer);
        db.Sources.Add(s);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/sources/{s.Id}", new Created(s.Id, s.Version));
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        SourceInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var s = await db.Sources.FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (s is null)
        {
            return NotFound(id);
        }
        return await Saving.UpdateAsync(
            db,
            s,
            input.Validate(vocabularies),
            input.Version,
            () => input.ApplyTo(s, db.Viewer),
            cancellationToken
        );
    }

    private static async Task<IResult> ListCitationsAsync(
        HabeasDb db,
        Guid? sourceId,
        string? targetType,
        Guid? targetId,
        CancellationToken cancellationToken
    )
    {
        var query = db.Citations.AsNoTracking();
        if (sourceId is { } s)
        {
            query = query.Where(c => c.SourceId == s);
        }
        if (targetType is not null)
        {
            query = query.Where(c => c.TargetType == targetType);
        }
        if (targetId is { } t)
        {
            query = query.Where(c => c.TargetId == t);
        }
        var items = await query.Take(Paging.MaxLimit).ToListAsync(cancellationToken);
        return Results.Ok(
            new
            {
                items = items.Select(c => new CitationDto(c.Id, c.SourceId, c.TargetType, c.TargetId, c.Field, c.Page, c.Quote)),
                total = items.Count,
            }
        );
    }

    private static async Task<IResult> CiteAsync(CitationInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var validation = await input.ValidateAsync(db, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        var citation = input.ToCitation();
        db.Citations.Add(citation);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/citations?sourceId={citation.SourceId}", new Created(citation.Id, citation.Version));
    }

    private static SourceDetail ToDetail(Source s) =>
        new(
            s.Id,
            s.Version,
            s.Level,
            s.Title,
            s.Kind,
            s.Publisher,
            s.Author,
            s.Date?.ToString(),
            s.Url,
            s.Language,
            s.Reliability,
            s.Excerpt
        );

    private static IResult NotFound(Guid id) => Problems.NotFound("source", id);
}
