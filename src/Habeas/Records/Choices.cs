using Habeas.Platform.Storage;
using Habeas.Records.Organisations;
using Habeas.Records.People;
using Habeas.Records.Places;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records;

/// <summary>The options of the record pickers in forms (people, places, organisations, sources), in the current language.</summary>
public static class Choices
{
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> PeopleAsync(HabeasDb db, CancellationToken cancellationToken) =>
        (await db.People.AsNoTracking().Include(p => p.Names).ToListAsync(cancellationToken))
            .Select(p =>
                (
                    p.Id,
                    p.Names.Count > 1
                        ? $"{p.DisplayName} ({string.Join(", ", p.Names.OrderBy(n => n.SortOrder).Skip(1).Take(2).Select(n => n.Text))})"
                        : p.DisplayName
                )
            )
            .OrderBy(p => p.Item2, StringComparer.CurrentCulture)
            .ToList();

    public static async Task<IReadOnlyList<(Guid Id, string Name)>> PlacesAsync(HabeasDb db, CancellationToken cancellationToken) =>
        (await db.Places.AsNoTracking().Include(p => p.Parent).ThenInclude(p => p!.Parent).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.FullName))
            .OrderBy(p => p.FullName, StringComparer.CurrentCulture)
            .ToList();

    public static async Task<IReadOnlyList<(Guid Id, string Name)>> OrganisationsAsync(HabeasDb db, CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking().ToListAsync(cancellationToken))
            .Select(o => (o.Id, o.Name))
            .OrderBy(o => o.Name, StringComparer.CurrentCulture)
            .ToList();

    public static async Task<IReadOnlyList<(Guid Id, string Name)>> SourcesAsync(HabeasDb db, CancellationToken cancellationToken) =>
        (await db.Sources.AsNoTracking().OrderBy(s => s.Title).Select(s => new { s.Id, s.Title }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Title))
            .ToList();
}
