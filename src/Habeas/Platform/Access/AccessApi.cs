using Habeas.Platform.Api;
using Habeas.Platform.History;
using Habeas.Platform.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Access;

/// <summary>Who, besides administrators, may see a restricted record: named users and teams.</summary>
public static class AccessApi
{
    public sealed record Named(string Id, string Name);

    /// <summary>The access list; <paramref name="Version"/> is the list's own version (0 until first changed), sent back with a
    /// change.</summary>
    public sealed record AccessDto(string Level, IReadOnlyList<Named> Users, IReadOnlyList<Named> Teams, int Version);

    public sealed record AccessInput(List<string>? Users, List<string>? Teams, int? Version = null);

    /// <summary>What <see cref="SetAsync"/> did.</summary>
    public enum SetResult
    {
        Saved,
        NotFound,
        Conflict,
    }

    public static void Map(RouteGroupBuilder api)
    {
        foreach (var (segment, recordType) in LeveledRecords.Leveled)
        {
            api.MapGet($"/{segment}/{{id:guid}}/access", (Guid id, HabeasDb db, CancellationToken ct) => GetAsync(db, recordType, id, ct))
                .WithTags("Access")
                .WithSummary($"The level of a {recordType} and the users and teams named on it.");
            api.MapPut($"/{segment}/{{id:guid}}/access", (Guid id, AccessInput input, HabeasDb db, CancellationToken ct) =>
                    PutAsync(db, recordType, id, input, ct)
                )
                .RequireAuthorization(Accounts.Policies.Write)
                .WithTags("Access")
                .WithSummary(
                    $"Name the users (by email) and teams (by name) who may see a restricted {recordType}; replaces the list. Send the version read: 409 when the list was changed since."
                );
        }
    }

    public static async Task<AccessDto?> LoadAsync(HabeasDb db, string recordType, Guid id, CancellationToken cancellationToken)
    {
        var record = await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken);
        if (record is null)
        {
            return null;
        }
        // The version first: a change saved between the two reads then shows as a conflict, never slips through.
        var version = await PartVersions.CurrentAsync(db, recordType, id, PartVersions.Access, cancellationToken);
        var grants = db.RecordGrants.Where(g => g.RecordId == id);
        var users = await grants
            .Join(db.Users, g => g.UserId, u => u.Id, (_, u) => new Named(u.Id, u.Email ?? u.UserName ?? u.Id))
            .ToListAsync(cancellationToken);
        var teams = await grants
            .Join(db.Teams, g => g.TeamId, t => t.Id, (_, t) => new Named(t.Id.ToString(), t.Name))
            .ToListAsync(cancellationToken);
        return new AccessDto(
            record.Level,
            users.OrderBy(u => u.Name, StringComparer.Ordinal).ToList(),
            teams.OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            version
        );
    }

    private static async Task<IResult> GetAsync(HabeasDb db, string recordType, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(db, recordType, id, cancellationToken) is { } access ? Results.Ok(access) : LeveledRecords.NotFound(recordType, id);

    private static async Task<IResult> PutAsync(
        HabeasDb db,
        string recordType,
        Guid id,
        AccessInput input,
        CancellationToken cancellationToken
    )
    {
        // A record the caller may not see is not found, whatever was sent: nothing about the input is answered first.
        if (await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken) is null)
        {
            return LeveledRecords.NotFound(recordType, id);
        }
        var validation = new Validation();
        var (userIds, teamIds) = await ResolveAsync(db, input, validation, cancellationToken);
        if (input.Version is null)
        {
            validation.Add("version", "validation.version");
        }
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await SetAsync(db, recordType, id, userIds, teamIds, input.Version!.Value, cancellationToken) switch
        {
            SetResult.NotFound => LeveledRecords.NotFound(recordType, id),
            SetResult.Conflict => Saving.ConflictProblem(
                await SavedSinceAsync(db, recordType, id, input.Version.Value, cancellationToken),
                new Problems.Phrase("problem.part.access", Problems.Noun(recordType)),
                input.Version
            ),
            _ => Results.Ok(await LoadAsync(db, recordType, id, cancellationToken)),
        };
    }

    /// <summary>What was saved to the access list since <paramref name="readVersion"/> (users by email, teams by name).</summary>
    public static Task<Saving.SavedSince?> SavedSinceAsync(
        HabeasDb db,
        string recordType,
        Guid id,
        int readVersion,
        CancellationToken cancellationToken
    ) => PartVersions.SinceAsync(db, recordType, id, PartVersions.Access, readVersion, (_, value) => value, cancellationToken);

    /// <summary>Finds the named users (by email) and teams (by name); each unknown one is a validation error.</summary>
    public static async Task<(List<string> Users, List<Guid> Teams)> ResolveAsync(
        HabeasDb db,
        AccessInput input,
        Validation validation,
        CancellationToken cancellationToken
    )
    {
        var userIds = new List<string>();
        // Each name is one query: a list over its limit is refused before any is looked up.
        var usersCounted = validation.Count("users", input.Users?.Count ?? 0, InputLimits.AccessUsers);
        if (!validation.Count("teams", input.Teams?.Count ?? 0, InputLimits.AccessTeams) || !usersCounted)
        {
            return ([], []);
        }
        foreach (var (email, i) in (input.Users ?? []).Select((e, i) => (e, i)))
        {
            var normalized = email.Trim().ToUpperInvariant();
            var user = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (user is null)
            {
                validation.Add($"users[{i}]", "access.error.noAccount", email.Trim());
            }
            else
            {
                userIds.Add(user);
            }
        }
        var teamIds = new List<Guid>();
        foreach (var (name, i) in (input.Teams ?? []).Select((n, i) => (n, i)))
        {
            var team = await db.Teams.Where(t => t.Name == name.Trim()).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(cancellationToken);
            if (team is null)
            {
                validation.Add($"teams[{i}]", "access.error.noTeam", name.Trim());
            }
            else
            {
                teamIds.Add(team.Value);
            }
        }
        return (userIds.Distinct().ToList(), teamIds.Distinct().ToList());
    }

    /// <summary>
    /// Replaces the users and teams named on a record the viewer can see (keeping the viewer), from the access list's
    /// version <paramref name="readVersion"/>; audited, and a new version of the list when it changed. Nothing is written
    /// when the record cannot be seen or the list was changed since that version.
    /// </summary>
    public static async Task<SetResult> SetAsync(
        HabeasDb db,
        string recordType,
        Guid id,
        IReadOnlyList<string> userIds,
        IReadOnlyList<Guid> teamIds,
        int readVersion,
        CancellationToken cancellationToken
    )
    {
        if (await LeveledRecords.FindVisibleAsync(db, recordType, id, cancellationToken) is null)
        {
            return SetResult.NotFound;
        }
        // Whoever changes the list stays on it: a user cannot lock themself out of what they are working on.
        if (db.Viewer is { UserId: { } self, SeesAllRestricted: false } && !userIds.Contains(self))
        {
            userIds = [.. userIds, self];
        }
        var existing = await db.RecordGrants.Where(g => g.RecordId == id).ToListAsync(cancellationToken);
        var before = Describe(existing.Select(g => g.UserId), existing.Select(g => g.TeamId));
        var shownBefore = await ShownAsync(
            db,
            existing.Select(g => g.UserId).OfType<string>(),
            existing.Select(g => g.TeamId).OfType<Guid>(),
            cancellationToken
        );
        db.RecordGrants.RemoveRange(
            existing.Where(g =>
                (g.UserId is not null && !userIds.Contains(g.UserId)) || (g.TeamId is not null && !teamIds.Contains(g.TeamId.Value))
            )
        );
        var now = db.Time.GetUtcNow();
        foreach (var userId in userIds.Where(u => existing.All(g => g.UserId != u)))
        {
            db.RecordGrants.Add(
                new RecordGrant
                {
                    RecordType = recordType,
                    RecordId = id,
                    UserId = userId,
                    CreatedAt = now,
                    CreatedBy = db.Actor,
                }
            );
        }
        foreach (var teamId in teamIds.Where(t => existing.All(g => g.TeamId != t)))
        {
            db.RecordGrants.Add(
                new RecordGrant
                {
                    RecordType = recordType,
                    RecordId = id,
                    TeamId = teamId,
                    CreatedAt = now,
                    CreatedBy = db.Actor,
                }
            );
        }
        var after = Describe(userIds, teamIds.Select(t => (Guid?)t));
        if (before != after)
        {
            db.LogAction("access-changed", recordType, id, new Dictionary<string, string?[]> { ["access"] = [before, after] });
        }
        var shownAfter = await ShownAsync(db, userIds, teamIds, cancellationToken);
        return await PartVersions.TrySaveAsync(
            db,
            recordType,
            id,
            PartVersions.Access,
            readVersion,
            shownBefore,
            shownAfter,
            cancellationToken
        )
            ? SetResult.Saved
            : SetResult.Conflict;
    }

    /// <summary>The list as people read it (and as its versions keep it): users' emails and team names, sorted, comma-separated.</summary>
    private static async Task<Dictionary<string, string?>> ShownAsync(
        HabeasDb db,
        IEnumerable<string> userIds,
        IEnumerable<Guid> teamIds,
        CancellationToken cancellationToken
    )
    {
        var users = userIds.ToList();
        var teams = teamIds.ToList();
        var emails = await db
            .Users.Where(u => users.Contains(u.Id))
            .Select(u => u.Email ?? u.UserName ?? u.Id)
            .ToListAsync(cancellationToken);
        var names = await db.Teams.Where(t => teams.Contains(t.Id)).Select(t => t.Name).ToListAsync(cancellationToken);
        return new Dictionary<string, string?>
        {
            ["teams"] = names.Count == 0 ? null : string.Join(", ", names.Order(StringComparer.Ordinal)),
            ["users"] = emails.Count == 0 ? null : string.Join(", ", emails.Order(StringComparer.Ordinal)),
        };
    }

    private static string Describe(IEnumerable<string?> users, IEnumerable<Guid?> teams) =>
        string.Join(
            ",",
            users
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .Select(u => "user:" + u)
                .Concat(teams.OfType<Guid>().Order().Select(t => "team:" + t))
        );
}
