using Habeas.Campaigns.Actions;
using Habeas.Platform.Localization;
using Habeas.Platform.Mail;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Places;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Supporters;

/// <summary>
/// The emails supporters get, each queued in the outbox in the caller's unit of work and written in the supporter's
/// language when the texts exist in it (else English), each with a link to their own page of its own: the
/// confirmation of a sign-up, the link for someone who signs up again, further-information updates of the actions
/// they follow, and new actions that match their preferences, within their monthly maximum.
/// </summary>
public sealed class SupporterMail(Texts texts, MailOptions options)
{
    public const string ConfirmKind = "supporter-confirm";
    public const string KnownKind = "supporter-known";
    public const string UpdateKind = "action-update";
    public const string IssuedKind = "action-issued";

    /// <summary>The "action issued" emails a supporter may get in this many days is their monthly maximum.</summary>
    public static readonly TimeSpan Month = TimeSpan.FromDays(30);

    /// <summary>A new confirmation link (replacing earlier ones) and the email that carries it.</summary>
    public void QueueConfirmation(HabeasDb db, Supporter supporter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(supporter);
        var now = db.Time.GetUtcNow();
        db.SupporterTokens.RemoveRange(
            db.SupporterTokens.Local.Where(t => t.SupporterId == supporter.Id && t.Purpose == SupporterToken.Confirm)
        );
        var (token, hash) = SupporterRules.NewToken();
        db.SupporterTokens.Add(
            new SupporterToken
            {
                Hash = hash,
                SupporterId = supporter.Id,
                Purpose = SupporterToken.Confirm,
                CreatedAt = now,
                ExpiresAt = now + SupporterRules.ConfirmationLifetime,
            }
        );
        Queue(
            db,
            supporter,
            ConfirmKind,
            null,
            "mail.confirm.subject",
            string.Format(Invariant, T(supporter, "mail.confirm.body"), $"{options.BaseUrl}/supporters/confirm/{token}")
        );
    }

    /// <summary>To an address that is already a supporter: their own page (or, not yet confirmed, a new confirmation).</summary>
    public void QueueKnown(HabeasDb db, Supporter supporter)
    {
        ArgumentNullException.ThrowIfNull(supporter);
        if (supporter.Status != Supporter.Confirmed)
        {
            QueueConfirmation(db, supporter);
            return;
        }
        Queue(db, supporter, KnownKind, null, "mail.known.subject", T(supporter, "mail.known.body"));
    }

    /// <summary>A further-information update to every confirmed supporter who follows the action.</summary>
    public async Task QueueUpdateAsync(HabeasDb db, CampaignAction action, ActionUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(update);
        var followers = await db
            .Supporters.Where(s => s.Status == Supporter.Confirmed && s.Follows.Any(f => f.ActionId == action.Id))
            .ToListAsync(cancellationToken);
        foreach (var supporter in followers)
        {
            var text = update.Text.TryGetValue(supporter.Language, out var own)
                ? own
                : update.Text.GetValueOrDefault("en") ?? update.Text.Values.FirstOrDefault() ?? "";
            var body = string.Format(Invariant, T(supporter, "mail.update.body"), action.Code, action.Title, update.WhatChanged, text);
            Queue(db, supporter, UpdateKind, action.Id, "mail.update.subject", body, action.Code, update.Number);
        }
    }

    /// <summary>
    /// A newly issued action to the confirmed supporters whose concerns or regions match it (its concern tags; the
    /// countries of its cases' jurisdictions) and who have not yet had their monthly maximum of new actions.
    /// </summary>
    public async Task QueueIssuedAsync(HabeasDb db, CampaignAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        var concerns = action.Concerns.Select(c => c.Tag).ToHashSet(StringComparer.Ordinal);
        var countries = await CountriesAsync(db, action, cancellationToken);
        var since = db.Time.GetUtcNow() - Month;
        var candidates = await db
            .Supporters.AsNoTracking()
            .Where(s => s.Status == Supporter.Confirmed && s.MaxActionsPerMonth > 0)
            .Select(s => new
            {
                s.Id,
                s.Concerns,
                s.Regions,
                s.MaxActionsPerMonth,
                Received = db.Set<OutboxMessage>().Count(m => m.SupporterId == s.Id && m.Kind == IssuedKind && m.CreatedAt >= since),
            })
            .ToListAsync(cancellationToken);
        var chosen = candidates
            .Where(c =>
                c.Received < c.MaxActionsPerMonth
                && (
                    c.Concerns.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(concerns.Contains)
                    || c.Regions.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(countries.Contains)
                )
            )
            .Select(c => c.Id)
            .ToList();
        foreach (var supporter in await db.Supporters.Where(s => chosen.Contains(s.Id)).ToListAsync(cancellationToken))
        {
            var recommended = action.RecommendedActions.TryGetValue(supporter.Language, out var own)
                ? own
                : action.RecommendedActions.GetValueOrDefault("en") ?? "";
            var body = string.Format(Invariant, T(supporter, "mail.issued.body"), action.Code, action.Title, recommended);
            Queue(db, supporter, IssuedKind, action.Id, "mail.issued.subject", body, action.Code);
        }
    }

    /// <summary>The ISO codes of the countries of the action's cases (their jurisdiction or the country above it).</summary>
    public static async Task<HashSet<string>> CountriesAsync(HabeasDb db, CampaignAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        var caseIds = action.Cases.Select(c => c.CaseId).ToList();
        var placeIds = await db
            .Cases.AsNoTracking()
            .Where(c => caseIds.Contains(c.Id) && c.JurisdictionId != null)
            .Select(c => c.JurisdictionId!.Value)
            .ToListAsync(cancellationToken);
        var places = await db.Places.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in placeIds)
        {
            var place = places.GetValueOrDefault(id);
            for (var depth = 0; place is not null && depth < 10; depth++)
            {
                if (place.Kind == "country" && Countries.CodeOf(place.Names.GetValueOrDefault("en")) is { } code)
                {
                    result.Add(code);
                    break;
                }
                place = place.ParentId is { } parent ? places.GetValueOrDefault(parent) : null;
            }
        }
        return result;
    }

    /// <summary>The email, with a new link to the supporter's own page at its foot.</summary>
    private void Queue(
        HabeasDb db,
        Supporter supporter,
        string kind,
        Guid? actionId,
        string subjectKey,
        string body,
        params object[] subjectArgs
    )
    {
        var (token, hash) = SupporterRules.NewToken();
        db.SupporterTokens.Add(
            new SupporterToken
            {
                Hash = hash,
                SupporterId = supporter.Id,
                Purpose = SupporterToken.Page,
                CreatedAt = db.Time.GetUtcNow(),
            }
        );
        var greeting = string.Format(Invariant, T(supporter, "mail.greeting"), supporter.Name);
        var footer = string.Format(Invariant, T(supporter, "mail.footer"), $"{options.BaseUrl}/supporters/me/{token}");
        var subject = string.Format(Invariant, T(supporter, subjectKey), subjectArgs);
        Outbox.Add(
            db,
            supporter.Email,
            subject,
            $"{greeting}\n\n{body}\n\n-- \n{footer}\n",
            supporter.Language,
            kind,
            supporter.Id,
            actionId
        );
    }

    private string T(Supporter supporter, string key) => texts.Get(supporter.Language, key);

    private static readonly System.Globalization.CultureInfo Invariant = System.Globalization.CultureInfo.InvariantCulture;
}
