using System.Globalization;
using System.Text;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Localization;
using Habeas.Platform.Mail;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Platform.Watches;
using Habeas.Records.Duplicates;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Work.Attention;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Reminders;

/// <summary>
/// One pass of the reminders (docs/reminders.md): the digests that are due today and the hearing reminders for today,
/// each built as its recipient (their own visibility, never confidential values) in their language and queued in the
/// outbox. Each e-mail has a Message-ID made of what it is (digest: user and day; hearing: user, event and date), which
/// the outbox keeps unique, so a second pass — on this server or another — sends nothing twice.
/// </summary>
public static class RemindersRun
{
    public const string DigestKind = "reminder-digest";
    public const string HearingKind = "reminder-hearing";

    /// <summary>At most this many lines per section of a digest; the rest is on the home page.</summary>
    public const int LinesPerSection = 30;

    /// <summary>What a pass did.</summary>
    public sealed record Result(int Digests, int Hearings);

    /// <summary>Sends what is due on <paramref name="today"/>. Each user is handled in a scope of their own.</summary>
    public static async Task<Result> RunAsync(IServiceProvider services, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        List<ReminderSetting> settings;
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
            db.Viewer = Viewer.System;
            settings = await db
                .ReminderSettings.AsNoTracking()
                .Where(s => s.Digest != "none" || s.HearingDays > 0)
                .OrderBy(s => s.UserId)
                .ToListAsync(cancellationToken);
        }
        var digests = 0;
        var hearings = 0;
        foreach (var setting in settings)
        {
            using var scope = services.CreateScope();
            var (digest, reminders) = await ForUserAsync(scope.ServiceProvider, setting, today, cancellationToken);
            digests += digest;
            hearings += reminders;
        }
        return new Result(digests, hearings);
    }

    /// <summary>A digest due on <paramref name="today"/>: daily after a day without one, weekly seven days after the last.</summary>
    public static bool DigestDue(ReminderSetting setting, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Digest switch
        {
            "daily" => setting.LastDigestOn is not { } last || last < today,
            "weekly" => setting.LastDigestOn is not { } last || last <= today.AddDays(-7),
            _ => false,
        };
    }

    private static async Task<(int Digests, int Hearings)> ForUserAsync(
        IServiceProvider services,
        ReminderSetting setting,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var digestDue = DigestDue(setting, today);
        if (!digestDue && setting.HearingDays <= 0)
        {
            return (0, 0);
        }
        var db = services.GetRequiredService<HabeasDb>();
        db.Viewer = Viewer.System;
        var users = services.GetRequiredService<UserManager<HabeasUser>>();
        var user = await users.FindByIdAsync(setting.UserId);
        var now = db.Time.GetUtcNow();
        // A disabled account gets nothing. A lockout after failed sign-ins, which anyone can cause, does not stop its
        // reminders (as it does not stop its tokens).
        if (user?.Email is not { Length: > 0 } address || Platform.Admin.AccountChanges.IsDisabled(user, now))
        {
            return (0, 0);
        }
        var principal = await services.GetRequiredService<IUserClaimsPrincipalFactory<HabeasUser>>().CreateAsync(user);
        var viewer = Viewer.Of(principal);
        if (!viewer.SignedIn)
        {
            return (0, 0); // no role: not staff
        }
        // An e-mail leaves Habeas: it never carries a confidential value, whatever grant its reader holds.
        db.Viewer = viewer with { Confidential = false };

        var language = Texts.Languages.Contains(setting.Language) ? setting.Language : "en";
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
            var digests = digestDue ? await DigestAsync(services, db, setting, address, language, today, cancellationToken) : 0;
            var hearings =
                setting.HearingDays > 0 ? await HearingsAsync(services, db, setting, address, language, today, cancellationToken) : 0;
            return (digests, hearings);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    private static async Task<int> DigestAsync(
        IServiceProvider services,
        HabeasDb db,
        ReminderSetting setting,
        string address,
        string language,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var texts = services.GetRequiredService<Texts>();
        var options = services.GetRequiredService<MailOptions>();
        var list = new WorkList(
            db,
            new FixedDay(today),
            texts,
            services.GetRequiredService<Vocabularies>(),
            services.GetRequiredService<DuplicateFinder>()
        );
        var items = await list.ItemsAsync(setting.UserId, cancellationToken);
        var stored = await db.ReminderSettings.SingleAsync(s => s.UserId == setting.UserId, cancellationToken);
        if (!DigestDue(stored, today))
        {
            return 0; // sent meanwhile
        }
        stored.LastDigestOn = today;
        var messageId = MessageId("digest", setting.UserId, null, today);
        var sent = 0;
        if (items.Count > 0 && !await db.OutboxMessages.AnyAsync(m => m.MessageId == messageId, cancellationToken))
        {
            var subject = texts.Format("reminders.digest.subject", Display.Day(today));
            var message = Outbox.Add(db, address, subject, DigestBody(items, texts, options.BaseUrl, setting.Digest), language, DigestKind);
            message.MessageId = messageId;
            sent = 1;
        }
        return await SaveOnceAsync(db, cancellationToken) ? sent : 0;
    }

    /// <summary>The digest's text: the sections in the home page's order, each line its title, why, and the link.</summary>
    public static string DigestBody(IReadOnlyList<AttentionItem> items, Texts texts, string baseUrl, string digest)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(texts);
        var body = new StringBuilder();
        body.Append(texts["reminders.digest.intro"]).Append("\n\n");
        foreach (var section in AttentionSections.All)
        {
            var lines = items.Where(i => i.Section == section).ToList();
            if (lines.Count == 0)
            {
                continue;
            }
            body.Append(texts["reminders.section." + section]).Append(" (").Append(Display.Number(lines.Count)).Append(")\n");
            foreach (var item in lines.Take(LinesPerSection))
            {
                body.Append("- ");
                if (!string.IsNullOrEmpty(item.Title))
                {
                    body.Append(item.Title).Append(": ");
                }
                body.Append(item.Reason).Append('\n');
                if (item.Href is { } href)
                {
                    body.Append("  ").Append(baseUrl).Append(href).Append('\n');
                }
            }
            if (lines.Count > LinesPerSection)
            {
                body.Append(texts.Format("reminders.digest.more", Display.Number(lines.Count - LinesPerSection), baseUrl + "/"))
                    .Append('\n');
            }
            body.Append('\n');
        }
        body.Append("-- \n").Append(texts.Format("reminders.footer." + digest, baseUrl + "/account/reminders")).Append('\n');
        return body.ToString();
    }

    private static async Task<int> HearingsAsync(
        IServiceProvider services,
        HabeasDb db,
        ReminderSetting setting,
        string address,
        string language,
        DateOnly today,
        CancellationToken cancellationToken
    )
    {
        var texts = services.GetRequiredService<Texts>();
        var vocabularies = services.GetRequiredService<Vocabularies>();
        var options = services.GetRequiredService<MailOptions>();
        var day = today.AddDays(setting.HearingDays);
        var watches = await db.Watches.AsNoTracking().Where(w => w.UserId == setting.UserId).Take(2000).ToListAsync(cancellationToken);
        var caseIds = watches.Where(w => w.RecordType == "case").Select(w => w.RecordId).ToList();
        var personIds = watches.Where(w => w.RecordType == "person").Select(w => w.RecordId).ToList();
        if (caseIds.Count == 0 && personIds.Count == 0)
        {
            return 0;
        }
        // Read as the recipient: the events, cases, people and places they may not see are not found.
        var events = await db
            .Events.Where(e =>
                e.State == EventStates.Scheduled
                && e.SortDate == day
                && ((e.CaseId != null && caseIds.Contains(e.CaseId.Value)) || e.People.Any(p => personIds.Contains(p.PersonId)))
            )
            .OrderBy(e => e.Id)
            .Take(200)
            .Include(e => e.People)
            .Include(e => e.Case)
            .Include(e => e.Place)
            .Include(e => e.Actors)
                .ThenInclude(a => a.Organisation)
            .AsSplitQuery()
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var seenPeople = events.SelectMany(e => e.People.Select(p => p.PersonId)).Distinct().ToList();
        var names = (
            await db.People.AsNoTracking().Where(p => seenPeople.Contains(p.Id)).Include(p => p.Names).ToListAsync(cancellationToken)
        ).ToDictionary(p => p.Id, p => p.NameFor(language));
        var queued = 0;
        foreach (var e in events)
        {
            var viaCase = e.Case is { } c && caseIds.Contains(c.Id);
            var viaPerson = e.People.FirstOrDefault(p => personIds.Contains(p.PersonId) && names.ContainsKey(p.PersonId));
            if (!viaCase && viaPerson is null)
            {
                continue; // the watched case is one they may no longer see
            }
            var messageId = MessageId("hearing", setting.UserId, e.Id, day);
            if (await db.OutboxMessages.AnyAsync(m => m.MessageId == messageId, cancellationToken))
            {
                continue;
            }
            var people = string.Join(", ", e.People.Where(p => names.ContainsKey(p.PersonId)).Select(p => names[p.PersonId]));
            var caseTitle = e.Case is null ? null : WorkList.CaseTitle(e.Case.Title, e.Case.CourtCaseNumber);
            var title = string.Join(" · ", new[] { people, caseTitle }.Where(s => !string.IsNullOrEmpty(s)));
            var type = vocabularies.Label("event-type", e.Type);
            var court = Habeas.Records.Events.EventTexts.Court(e);
            var href = viaCase ? $"/cases/{e.Case!.Id}" : $"/people/{viaPerson!.PersonId}";
            var body = new StringBuilder()
                .Append(texts.Format("reminders.hearing.line", type, Display.Day(day), court.Length > 0 ? court : "—"))
                .Append('\n')
                .Append(title)
                .Append('\n')
                .Append(options.BaseUrl)
                .Append(href)
                .Append("\n\n-- \n")
                .Append(texts.Plural("reminders.footer.hearing", setting.HearingDays, options.BaseUrl + "/account/reminders"))
                .Append('\n')
                .ToString();
            var subject = texts.Format("reminders.hearing.subject", type, Display.Day(day), title);
            var message = Outbox.Add(db, address, subject, body, language, HearingKind);
            message.MessageId = messageId;
            if (await SaveOnceAsync(db, cancellationToken))
            {
                queued++;
            }
        }
        return queued;
    }

    /// <summary>Saves; when another pass queued the same message first (its Message-ID is taken), drops this one.</summary>
    private static async Task<bool> SaveOnceAsync(HabeasDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (StorageFaults.IsUniqueViolation(e) || e is DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>"&lt;digest.{user}.{day}@outbox.habeas&gt;", "&lt;hearing.{user}.{event}.{day}@outbox.habeas&gt;": what the
    /// e-mail is, so the same one cannot be queued twice.</summary>
    public static string MessageId(string what, string userId, Guid? eventId, DateOnly day)
    {
        var user = Guid.TryParse(userId, out var id) ? id.ToString("N") : userId;
        var about = eventId is { } e ? $".{e:N}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"<{what}.{user}{about}.{day:yyyyMMdd}@{MailOptions.MessageIdDomain}>");
    }

    /// <summary>The work list's "today" is the pass's day (noon UTC of it).</summary>
    private sealed class FixedDay(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }
}
