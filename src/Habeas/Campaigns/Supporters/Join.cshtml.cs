using Habeas.Campaigns.Actions;
using Habeas.Platform.Localization;
using Habeas.Platform.Mail;
using Habeas.Platform.Security;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Supporters;

/// <summary>
/// Anyone may sign up (double opt-in): the confirmation goes by email. An address already known gets exactly the
/// same answer here, and the email to it carries that supporter's own link instead, so this page never tells
/// whether someone is a supporter.
/// </summary>
[EnableRateLimiting(RateLimits.PublicPolicy)]
public sealed class JoinModel(HabeasDb db, Texts texts, SupporterMail mail) : PageModel
{
    public sealed class JoinInput
    {
        public string? Name { get; set; }
        public string? Email { get; set; }
        public string? Country { get; set; }
        public string? Group { get; set; }
        public string? Language { get; set; }
        public bool Consent { get; set; }
    }

    public const int MaxName = 200;

    /// <summary>The least time between two sign-up emails to one address.</summary>
    public static readonly TimeSpan MailInterval = TimeSpan.FromDays(1);

    [BindProperty]
    public JoinInput Input { get; set; } = new();

    /// <summary>The action to follow (?action={id}), when they came from one.</summary>
    [BindProperty(SupportsGet = true, Name = "action")]
    public Guid? ActionId { get; set; }
    public string? ActionTitle { get; private set; }
    public bool Sent { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Language = Texts.CurrentLanguage;
        await LoadActionAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadActionAsync(cancellationToken);
        var email = Input.Email?.Trim().ToLowerInvariant();
        var country = Input.Country?.Trim().ToUpperInvariant();
        // One line of plain text: the name goes into the body of an email sent from the organisation's address.
        Check(
            nameof(JoinInput.Name),
            string.IsNullOrWhiteSpace(Input.Name)
                || Core.Letters.SupporterText.Check(Input.Name.Trim(), MaxName) != Core.Letters.SupporterText.Problem.None,
            "supporters.error.name"
        );
        Check(nameof(JoinInput.Email), !IsEmail(email), "supporters.error.email");
        Check(nameof(JoinInput.Country), !Countries.IsCountry(country), "supporters.error.country");
        Check(nameof(JoinInput.Group), Input.Group is { Length: > 200 }, "supporters.error.group");
        Check(nameof(JoinInput.Language), !SupporterRules.IsLanguage(Input.Language), "supporters.error.language");
        Check(nameof(JoinInput.Consent), !Input.Consent, "supporters.error.consent");
        if (await PublicForms.CheckAsync(HttpContext, db, cancellationToken) is { } problem)
        {
            ModelState.AddModelError(string.Empty, texts[problem]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var known = await db.Supporters.FirstOrDefaultAsync(s => s.Email == email, cancellationToken);
        if (known is not null)
        {
            // At most one email of each sign-up kind a day to an address, whoever asks (a confirmation while it is not
            // confirmed, else the link to their own page): the form must not be a way to send the organisation's mail
            // to someone over and over. The answer on the page is the same either way.
            var kind = known.Status == Supporter.Confirmed ? SupporterMail.KnownKind : SupporterMail.ConfirmKind;
            var since = db.Time.GetUtcNow() - MailInterval;
            if (
                !await db.OutboxMessages.AnyAsync(
                    m => m.SupporterId == known.Id && m.Kind == kind && m.CreatedAt >= since,
                    cancellationToken
                )
            )
            {
                mail.QueueKnown(db, known);
            }
        }
        else
        {
            var supporter = new Supporter
            {
                Name = Input.Name!.Trim(),
                Email = email!,
                Country = country!,
                Group = string.IsNullOrWhiteSpace(Input.Group) ? null : Input.Group.Trim(),
                Language = Input.Language!,
                ConsentVersion = SupporterRules.ConsentVersion,
                ConsentedAt = db.Time.GetUtcNow(),
                CreatedAt = db.Time.GetUtcNow(),
            };
            if (ActionTitle is not null && ActionId is { } follow)
            {
                supporter.Follows.Add(
                    new SupporterAction
                    {
                        SupporterId = supporter.Id,
                        ActionId = follow,
                        FollowedAt = supporter.CreatedAt,
                    }
                );
            }
            db.Supporters.Add(supporter);
            mail.QueueConfirmation(db, supporter);
            db.LogAction("supporter-joined", "supporter", supporter.Id);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (known is null)
        {
            // The same address signed up at the same moment and that sign-up won: its email is on its way; same answer.
        }
        Sent = true;
        return Page();
    }

    public static bool IsEmail(string? email) =>
        email is { Length: >= 3 and <= 320 }
        && email.IndexOf('@', StringComparison.Ordinal) is var at
        && at > 0
        && at < email.Length - 1
        && email.LastIndexOf('@') == at
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"');

    private void Check(string field, bool wrong, string key)
    {
        if (wrong)
        {
            ModelState.AddModelError($"Input.{field}", texts[key]);
        }
    }

    private async Task LoadActionAsync(CancellationToken cancellationToken)
    {
        if (ActionId is { } id)
        {
            // Only an action that has gone out can be followed.
            ActionTitle = await db
                .CampaignActions.AsNoTracking()
                .Where(a => a.Id == id && a.Status != Core.Campaigns.ActionLifecycle.Draft)
                .Select(a => a.Code + " · " + a.Title)
                .FirstOrDefaultAsync(cancellationToken);
        }
    }
}
