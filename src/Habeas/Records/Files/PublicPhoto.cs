using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.Files;

/// <summary>
/// <c>GET /public/people/{id}/photo</c>, open to all: the photo of a public person, only when the consent recorded with it
/// allows publication (<see cref="FileConsent.Public"/>) and it is an image; anything else is 404. Read as the anonymous
/// visitor, so a person who is not public has no photo here whatever its consent.
/// </summary>
public static class PublicPhoto
{
    public static string UrlOf(Guid personId) => $"/public/people/{personId}/photo";

    /// <summary>The person's photo the public may see, read as the anonymous visitor.</summary>
    public static async Task<StoredFile?> FindAsync(HabeasDb db, Guid personId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Viewer = Habeas.Platform.Access.Viewer.Anonymous;
        var file = await db
            .StoredFiles.AsNoTracking()
            .FirstOrDefaultAsync(f => f.PersonId == personId && f.IsPhoto && f.Consent == FileConsent.Public, cancellationToken);
        return file is { IsImage: true } ? file : null;
    }

    public static void Map(WebApplication app) =>
        app.MapGet(
                "/public/people/{id:guid}/photo",
                async (
                    Guid id,
                    HttpContext context,
                    HabeasDb db,
                    FileStore store,
                    ILoggerFactory logs,
                    CancellationToken cancellationToken
                ) =>
                    await FindAsync(db, id, cancellationToken) is { } file
                        ? await FileResponses.ServeAsync(context, store, file, logs.CreateLogger("Habeas.Records.Files"), cancellationToken)
                        : Results.NotFound()
            )
            .AllowAnonymous()
            .ExcludeFromDescription();
}
