using System.Security.Cryptography;
using System.Text;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Work.Calendar;

/// <summary>
/// The secret iCalendar links (docs/calendar.md): made and revoked by their user on /calendar/feeds; <c>GET
/// /calendar/feed/{secret}.ics</c>, open to anyone holding the secret, answers the owner's calendar read as the owner (their
/// visibility, never more), or only "hearing — case number — court" for a discreet link.
/// </summary>
public static class CalendarFeeds
{
    public const string AuditType = "calendar-feed";

    /// <summary>The feed covers this many days back and ahead.</summary>
    public const int DaysBack = 30;

    public const int DaysAhead = 366;

    /// <summary>A new link for the user: the secret (32 random bytes, base64url) is returned once; only its SHA-256 is kept.</summary>
    public static async Task<string> CreateAsync(
        HabeasDb db,
        string userId,
        bool discreet,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var feed = new CalendarFeed
        {
            UserId = userId,
            Hash = Hash(secret),
            Discreet = discreet,
            CreatedAt = time.GetUtcNow(),
        };
        db.CalendarFeeds.Add(feed);
        db.LogAction(
            "calendar-feed-created",
            AuditType,
            feed.Id,
            new Dictionary<string, string?[]> { ["discreet"] = [null, discreet ? "true" : "false"] },
            new Dictionary<string, string?> { ["owner"] = userId }
        );
        await db.SaveChangesAsync(cancellationToken);
        return secret;
    }

    /// <summary>Revokes one of the user's own links; false when the user has no link with this id.</summary>
    public static async Task<bool> RevokeAsync(HabeasDb db, string userId, Guid id, TimeProvider time, CancellationToken cancellationToken)
    {
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.Id == id && f.UserId == userId, cancellationToken);
        if (feed is null)
        {
            return false;
        }
        if (feed.RevokedAt is null)
        {
            feed.RevokedAt = time.GetUtcNow();
            db.LogAction(
                "calendar-feed-revoked",
                AuditType,
                feed.Id,
                new Dictionary<string, string?[]>
                {
                    ["revokedAt"] = [null, feed.RevokedAt.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture)],
                },
                new Dictionary<string, string?> { ["owner"] = userId }
            );
            await db.SaveChangesAsync(cancellationToken);
        }
        return true;
    }

    /// <summary>The user's links, newest first.</summary>
    public static async Task<IReadOnlyList<CalendarFeed>> ListAsync(HabeasDb db, string userId, CancellationToken cancellationToken) =>
        await db
            .CalendarFeeds.AsNoTracking()
            .Where(f => f.UserId == userId)
            .OrderByDescending(f => f.CreatedAt)
            .Take(100)
            .ToListAsync(cancellationToken);

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The feed's address for a secret, on the host the request came to.</summary>
    public static string Url(HttpRequest request, string secret) => $"{request.Scheme}://{request.Host}/calendar/feed/{secret}.ics";

    public static void Map(WebApplication app) =>
        app.MapGet("/calendar/feed/{secret}.ics", FeedAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> FeedAsync(
        string secret,
        HttpContext context,
        HabeasDb db,
        UserManager<HabeasUser> users,
        IUserClaimsPrincipalFactory<HabeasUser> principals,
        CalendarItems calendar,
        TimeProvider time,
        CancellationToken cancellationToken
    )
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        if (secret.Length is < 20 or > 100)
        {
            return Results.NotFound();
        }
        // Finding the link is the server's own work; what the feed then shows is read as its owner.
        db.Viewer = Viewer.System;
        var hash = Hash(secret);
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.Hash == hash && f.RevokedAt == null, cancellationToken);
        var user = feed is null ? null : await users.FindByIdAsync(feed.UserId);
        if (feed is null || user is null || Platform.Admin.AccountChanges.IsDisabled(user, time.GetUtcNow()))
        {
            db.Viewer = Viewer.Anonymous;
            return Results.NotFound();
        }
        var owner = Viewer.Of(await principals.CreateAsync(user));
        if (!owner.SignedIn)
        {
            db.Viewer = Viewer.Anonymous;
            return Results.NotFound();
        }
        // Never the confidential values, whatever the owner's grant: a feed travels to phones and other calendars.
        db.Viewer = owner with { Confidential = false, MayPublish = false };
        var today = time.Today();
        var (items, _) = await calendar.ReadAsync(
            today.AddDays(-DaysBack),
            today.AddDays(DaysAhead),
            CalendarFilter.None,
            CalendarItems.FeedLimit,
            cancellationToken
        );
        var site = $"{context.Request.Scheme}://{context.Request.Host}";
        return Results.Text(Build(items, feed.Discreet, site), "text/calendar; charset=utf-8");
    }

    /// <summary>The RFC 5545 text of the items: all-day entries; a discreet feed carries only the discreet title.</summary>
    public static string Build(IReadOnlyList<CalendarItem> items, bool discreet, string site)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Habeas//Calendar//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Habeas");
        foreach (var item in items)
        {
            var entry = new CalendarEvent
            {
                Uid = $"{item.Uid}@habeas",
                DtStart = new CalDateTime(item.Date.Year, item.Date.Month, item.Date.Day),
                DtEnd = new CalDateTime(item.Date.AddDays(1).Year, item.Date.AddDays(1).Month, item.Date.AddDays(1).Day),
                Summary = discreet ? item.DiscreetTitle : item.Title,
            };
            if (item.State == Records.Events.EventStates.Cancelled)
            {
                entry.Status = "CANCELLED";
            }
            if (!discreet)
            {
                entry.Description = item.Explanation;
                entry.Url = new Uri(site + item.Link);
            }
            calendar.Events.Add(entry);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
