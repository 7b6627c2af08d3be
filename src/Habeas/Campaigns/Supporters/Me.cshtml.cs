using System.Globalization;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Supporters;

/// <summary>
/// A supporter's own page, opened by the secret link in their emails: everything kept about them, their preferences
/// to change, the actions they follow, a download of it all, and deleting themselves (after a confirmation step).
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Habeas.Platform.Security.RateLimits.PublicPolicy)]
public sealed class MeModel(HabeasDb db, Texts texts, Vocabularies vocabularies) : PageModel
{
    public sealed class PreferencesInput
    {
        public List<string> Concerns { get; set; } = [];
        public string? Regions { get; set; }
        public int? MaxActionsPerMonth { get; set; }
        public string? Language { get; set; }
    }

    [BindProperty]
    public PreferencesInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>?delete=1: the confirmation step before deleting.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Delete { get; set; }
    public SupporterRecords.Everything? Data { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var supporter = await SupporterRecords.ByPageTokenAsync(db, token, cancellationToken);
        if (supporter is null)
        {
            return Gone();
        }
        Token = token;
        Data = await SupporterRecords.GatherAsync(db, supporter, cancellationToken);
        Input = new PreferencesInput
        {
            Concerns = [.. supporter.ConcernList],
            Regions = string.Join(' ', supporter.RegionList),
            MaxActionsPerMonth = supporter.MaxActionsPerMonth,
            Language = supporter.Language,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPreferencesAsync(string token, CancellationToken cancellationToken)
    {
        var supporter = await SupporterRecords.ByPageTokenAsync(db, token, cancellationToken);
        if (supporter is null)
        {
            return Gone();
        }
        Token = token;
        var regions = (Input.Regions ?? "")
            .Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.ToUpperInvariant())
            .ToList();
        if (Input.Concerns.Any(c => !vocabularies.IsValid("concern-tag", c)))
        {
            ModelState.AddModelError("Input.Concerns", texts["supporters.error.concerns"]);
        }
        if (regions.Any(r => !Countries.IsCountry(r)))
        {
            ModelState.AddModelError("Input.Regions", texts["supporters.error.regions"]);
        }
        if (Input.MaxActionsPerMonth is < 0 or > 31)
        {
            ModelState.AddModelError("Input.MaxActionsPerMonth", texts["supporters.error.max"]);
        }
        if (!SupporterRules.IsLanguage(Input.Language))
        {
            ModelState.AddModelError("Input.Language", texts["supporters.error.language"]);
        }
        if (!ModelState.IsValid)
        {
            Data = await SupporterRecords.GatherAsync(db, supporter, cancellationToken);
            return Page();
        }
        supporter.Concerns = Supporter.Join(Input.Concerns);
        supporter.Regions = Supporter.Join(regions);
        supporter.MaxActionsPerMonth = Input.MaxActionsPerMonth;
        supporter.Language = Input.Language!;
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/supporters/me/{token}?done=saved");
    }

    public async Task<IActionResult> OnPostUnfollowAsync(string token, Guid actionId, CancellationToken cancellationToken)
    {
        var supporter = await SupporterRecords.ByPageTokenAsync(db, token, cancellationToken);
        if (supporter is null)
        {
            return Gone();
        }
        supporter.Follows.RemoveAll(f => f.ActionId == actionId);
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/supporters/me/{token}?done=unfollowed");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string token, CancellationToken cancellationToken)
    {
        var supporter = await SupporterRecords.ByPageTokenAsync(db, token, cancellationToken);
        if (supporter is null)
        {
            return Gone();
        }
        await SupporterRecords.DeleteAsync(db, supporter, cancellationToken);
        Done = "deleted";
        return Page();
    }

    public static string When(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private PageResult Gone()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
