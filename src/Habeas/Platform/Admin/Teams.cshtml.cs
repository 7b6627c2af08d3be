using Habeas.Platform.Access;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Admin;

/// <summary>Administrators: teams that restricted records can be shared with; create, rename, add and remove members (audited).</summary>
public sealed class TeamsModel(HabeasDb db, TimeProvider time) : PageModel
{
    public const int MaxNameLength = 200;

    public sealed record Member(string UserId, string Email);

    public sealed record TeamRow(Guid Id, string Name, IReadOnlyList<Member> Members);

    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];
    public IReadOnlyList<Member> Accounts { get; private set; } = [];
    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (await RefuseNameAsync(name, null, cancellationToken) is { } refused)
        {
            return await ShowErrorAsync(refused, cancellationToken);
        }
        var team = new Team { Name = name!, CreatedAt = time.GetUtcNow() };
        db.Teams.Add(team);
        db.LogAction("team-created", "team", team.Id, new Dictionary<string, string?[]> { ["name"] = [null, team.Name] });
        await db.SaveChangesAsync(cancellationToken);
        return Redirect("/admin/teams?done=created");
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? name, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null)
        {
            return NotFound();
        }
        name = name?.Trim();
        if (await RefuseNameAsync(name, id, cancellationToken) is { } refused)
        {
            return await ShowErrorAsync(refused, cancellationToken);
        }
        if (name != team.Name)
        {
            db.LogAction("team-renamed", "team", team.Id, new Dictionary<string, string?[]> { ["name"] = [team.Name, name] });
            team.Name = name!;
            await db.SaveChangesAsync(cancellationToken);
        }
        return Redirect("/admin/teams?done=renamed");
    }

    public Task<IActionResult> OnPostAddAsync(Guid id, string? userId, CancellationToken cancellationToken) =>
        MembershipAsync(id, userId, true, cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, string? userId, CancellationToken cancellationToken) =>
        MembershipAsync(id, userId, false, cancellationToken);

    private async Task<IActionResult> MembershipAsync(Guid id, string? userId, bool member, CancellationToken cancellationToken)
    {
        var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (team is null || userId is null || !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return NotFound();
        }
        await AccountChanges.SetTeamMemberAsync(db, team, userId, member, cancellationToken);
        return Redirect("/admin/teams?done=" + (member ? "added" : "removed"));
    }

    private async Task<string?> RefuseNameAsync(string? name, Guid? id, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return "admin.teams.nameRequired";
        }
        return await db.Teams.AnyAsync(t => t.Name == name && t.Id != id, cancellationToken) ? "admin.teams.nameTaken" : null;
    }

    private async Task<IActionResult> ShowErrorAsync(string key, CancellationToken cancellationToken)
    {
        Error = key;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var accounts = (
            await db.Users.AsNoTracking().Select(u => new Member(u.Id, u.Email ?? u.UserName ?? u.Id)).ToListAsync(cancellationToken)
        )
            .OrderBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var emails = accounts.ToDictionary(a => a.UserId, a => a.Email);
        var members = await db.TeamMembers.AsNoTracking().ToListAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        Accounts = accounts;
        Teams = teams
            .Select(t => new TeamRow(
                t.Id,
                t.Name,
                members
                    .Where(m => m.TeamId == t.Id)
                    .Select(m => new Member(m.UserId, emails.GetValueOrDefault(m.UserId, m.UserId)))
                    .OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
                    .ToList()
            ))
            .ToList();
    }
}
