using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Platform.Access;

/// <summary>/access/{people|cases|events|sources}/{id}: who besides administrators may see a restricted record.</summary>
public sealed class IndexModel(HabeasDb db) : PageModel
{
    public string Segment { get; private set; } = "";
    public Guid Id { get; private set; }
    public AccessApi.AccessDto Access { get; private set; } = new(RecordLevels.Internal, [], [], 0);
    public IReadOnlyList<Team> AllTeams { get; private set; } = [];

    [BindProperty]
    public string? Emails { get; set; }

    [BindProperty]
    public List<string> Teams { get; set; } = [];

    /// <summary>The version of the access list the form was read at.</summary>
    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set when the save was refused because someone changed the list since: what they saved, shown above the form.</summary>
    public History.ConflictNotice? Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(segment, id, cancellationToken))
        {
            return NotFound();
        }
        Emails = string.Join("\n", Access.Users.Select(u => u.Name));
        Teams = Access.Teams.Select(t => t.Name).ToList();
        Version = Access.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(segment, id, cancellationToken))
        {
            return NotFound();
        }
        var input = new AccessApi.AccessInput(
            (Emails ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Teams
        );
        var validation = new Api.Validation();
        var (users, teams) = await AccessApi.ResolveAsync(db, input, validation, cancellationToken);
        if (!validation.IsValid)
        {
            foreach (var message in validation.Messages)
            {
                ModelState.AddModelError(nameof(Emails), message);
            }
            return Page();
        }
        if (await AccessApi.SetAsync(db, RecordType, id, users, teams, Version, cancellationToken) == AccessApi.SetResult.Conflict)
        {
            // Nothing was written; the form keeps what was typed and now carries the saved version, so saving again
            // replaces the other change knowingly.
            var since = await AccessApi.SavedSinceAsync(db, RecordType, id, Version, cancellationToken);
            Conflict = new History.ConflictNotice($"/access/{segment}/{id}", since);
            ModelState.Remove(nameof(Version));
            Version = since?.CurrentVersion
                ?? await History.PartVersions.CurrentAsync(db, RecordType, id, History.PartVersions.Access, cancellationToken);
            await LoadAsync(segment, id, cancellationToken);
            return Page();
        }
        return Redirect(BackUrl);
    }

    private string RecordType => LeveledRecords.Leveled.First(r => r.Segment == Segment).RecordType;

    public string BackUrl => Segment == "events" ? $"/events/{Id}/edit" : $"/{Segment}/{Id}";

    private async Task<bool> LoadAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        var type = LeveledRecords.Leveled.FirstOrDefault(r => r.Segment == segment).RecordType;
        if (type is null || await AccessApi.LoadAsync(db, type, id, cancellationToken) is not { } access)
        {
            return false;
        }
        (Segment, Id, Access) = (segment, id, access);
        AllTeams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return true;
    }
}
