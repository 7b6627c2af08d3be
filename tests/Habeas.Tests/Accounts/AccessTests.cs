using System.Net;
using System.Net.Http.Json;
using Habeas.Host.Demo;
using Habeas.Platform.Accounts;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Accounts;

public sealed class AccessTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Anonymous_Gets401FromTheApi_TheSignInPageForPages_AndHealth(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/people/{DemoData.SokYoeunId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/people", new { name = "X" })).StatusCode);
        var page = await client.GetAsync($"/people/{DemoData.SokYoeunId}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
        var badToken = app.CreateAnonymousClient();
        badToken.DefaultRequestHeaders.Authorization = new("Bearer", "hb_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await badToken.GetAsync("/api/v1/people")).StatusCode);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AViewerToken_CanRead_ButNotWrite(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, demo: true, role: Roles.Viewer);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/people")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/people/{DemoData.SokYoeunId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/v1/people", new { name = "Sok Yoeun" })).StatusCode);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await client.PostAsJsonAsync(
                    "/api/v1/events",
                    new
                    {
                        type = "arrest",
                        date = "2020",
                        personIds = new[] { DemoData.SokYoeunId },
                    }
                )
            ).StatusCode
        );
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/people/new")).StatusCode);
        await using var db = app.OpenDb();
        Assert.Equal(9, await db.People.CountAsync());
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task AMonitorToken_CanWrite_AndTheAuditLogNamesTheMonitor(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Monitor);
        var id = await TestApp.CreatePersonAsync(app.CreateClient(), "Yi Soksan");

        await using var db = app.OpenDb();
        var entry = await db.AuditEntries.SingleAsync(e => e.RecordId == id);
        Assert.StartsWith("monitor-", entry.Actor, StringComparison.Ordinal);
        Assert.Equal(entry.Actor, (await db.RecordVersions.SingleAsync(v => v.RecordId == id)).ChangedBy);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ADisabledAccount_ItsTokenStopsWorkingAtOnce(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/people")).StatusCode);
        await using (var db = app.OpenDb())
        {
            var owner = await db.ApiTokens.Select(t => t.UserId).SingleAsync();
            var email = await db.Users.Where(u => u.Id == owner).Select(u => u.Email!).SingleAsync();
            using var scope = app.Services.CreateScope();
            Assert.True(await UserAccounts.DisableAsync(scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(), email));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/people")).StatusCode);
    }

    [Fact]
    public async Task EveryEndpoint_NamesItsAuthorization_AndWritesNeedTheWritePolicy()
    {
        await using var app = await TestApp.StartAsync(TestDatabase.Sqlite);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var missing = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.True(missing.Count == 0, "No explicit authorization: " + string.Join(", ", missing));

        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText)
            .Order()
            .ToList();
        // The public action pages (letters and cards), the supporters' own pages, the published success stories, the
        // public site (/public: the list, profiles, case pages, the feed, the published statistics with the records behind
        // them and the public case dossier) are the only anonymous pages beside sign-in.
        // The one-time password links (Accounts/SetPassword) are opened before their owner has a password. The start page
        // is open so that a signed-out visitor is sent to the public site; the status page shows a 404 or 403 to anyone.
        Assert.Equal(
            [
                "/",
                "/account/set-password/{token}",
                "/act/{id:guid}",
                "/act/{id:guid}/card",
                "/act/{id:guid}/letter",
                "/act/{id:guid}/letter.docx",
                "/act/{id:guid}/sent",
                "/calendar/feed/{secret}.ics",
                "/error",
                "/health",
                "/health/ready",
                "/language",
                "/login",
                "/login/two-factor",
                "/public",
                "/public/cases/{id:guid}",
                "/public/cases/{id:guid}/dossier",
                "/public/feed.atom",
                "/public/people/{id:guid}",
                "/public/people/{id:guid}/photo",
                "/public/statistics",
                "/public/statistics/{figure}.csv",
                "/public/statistics/{figure}.json",
                "/public/statistics/{figure}/records",
                "/setup",
                "/status/{code:int}",
                "/stories",
                "/stories/{id:guid}",
                "/stories/{id:guid}/media/{mediaId:guid}",
                "/supporters/confirm/{token}",
                "/supporters/join",
                "/supporters/me/{token}",
                "/supporters/me/{token}/export",
            ],
            anonymous.Select(a => a!.Trim('/').Insert(0, "/")).Distinct().Order(StringComparer.Ordinal)
        );

        // A user's own API tokens and watches are not the record: any signed-in role may create and revoke them, and watch
        // what they may read (a viewer too).
        var ownTokens = endpoints
            .Where(e =>
                e.RoutePattern.RawText!.StartsWith("/api/v1/tokens", StringComparison.Ordinal)
                || e.RoutePattern.RawText.StartsWith("/api/v1/watches", StringComparison.Ordinal)
            )
            .ToList();
        Assert.Equal(6, ownTokens.Count);
        Assert.All(ownTokens, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Read));
        var writes = endpoints
            .Where(e =>
                e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)
                && !ownTokens.Contains(e)
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()
                    ?.HttpMethods.Any(m => m is "POST" or "PUT" or "DELETE") == true
            )
            .ToList();
        Assert.NotEmpty(writes);
        // Retraction (docs/retraction.md): retracting names the policy of whoever may edit the kind, restoring the
        // coordinators'; erasing a person is the administrators'.
        var retractions = writes
            .Where(e =>
                e.RoutePattern.RawText!.EndsWith("/retract", StringComparison.Ordinal)
                || e.RoutePattern.RawText.EndsWith("/restore", StringComparison.Ordinal)
                || e.RoutePattern.RawText.EndsWith("/erase", StringComparison.Ordinal)
            )
            .ToList();
        Assert.Equal(2 * Habeas.Platform.Retraction.Retractions.Kinds.Count + 1, retractions.Count);
        Assert.All(retractions, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy
                == (
                    e.RoutePattern.RawText!.EndsWith("/restore", StringComparison.Ordinal) ? Policies.Coordinate
                    : e.RoutePattern.RawText.EndsWith("/erase", StringComparison.Ordinal) ? Policies.Administer
                    : Habeas
                        .Platform.Retraction.Retractions.Kinds.Single(k =>
                            e.RoutePattern.RawText.StartsWith($"/api/v1/{k.Segment}/", StringComparison.Ordinal)
                        )
                        .Rule.Policy
                )));
        writes = writes.Except(retractions).ToList();
        // Campaign actions are written by those who run campaigns; everything else by those who edit the record.
        var campaignWrites = writes.Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/actions", StringComparison.Ordinal)).ToList();
        // create, edit (PUT), issue, targets, outreach, updates, close; publish, letter templates, card approve and reject;
        // files, replies, story, story/publish.
        Assert.Equal(7 + 4 + 4, campaignWrites.Count);
        Assert.All(campaignWrites, e =>
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Campaign)
        );
        // Importing a file: coordinators and administrators.
        var importWrites = writes.Where(e => e.RoutePattern.RawText == "/api/v1/import").ToList();
        Assert.Single(importWrites);
        Assert.All(importWrites, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Import));
        Assert.All(writes.Except(campaignWrites).Except(importWrites), e =>
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Write)
        );
        // Publishing a case in one step: record editors who may also publish (coordinators and administrators).
        var publishWrites = writes
            .Where(e =>
                e.RoutePattern.RawText!.EndsWith("publish", StringComparison.Ordinal)
                && e.RoutePattern.RawText.StartsWith("/api/v1/cases/", StringComparison.Ordinal)
            )
            .ToList();
        Assert.Equal(2, publishWrites.Count);
        Assert.All(publishWrites, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Publish));

        // Accounts, teams, the audit browser and its API: administrators only.
        var administration = endpoints
            .Where(e =>
                e.RoutePattern.RawText!.StartsWith("/api/v1/audit", StringComparison.Ordinal)
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()
                    ?.ViewEnginePath.StartsWith("/Platform/Admin/", StringComparison.Ordinal) == true
            )
            .ToList();
        // 4 audit operations; users, teams, the audit browser, the translations.
        Assert.Equal(4 + 4, administration.Select(e => e.RoutePattern.RawText).Distinct().Count());
        Assert.All(administration, e =>
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Administer)
        );
        // The email outbox (/admin/mail, in Mail/): administrators only. The supporters list: campaigners.
        var mail = endpoints
            .Where(e =>
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()?.ViewEnginePath == "/Platform/Mail/Index"
            )
            .ToList();
        Assert.NotEmpty(mail);
        Assert.All(mail, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Administer));
        var supporters = endpoints.Where(e => e.RoutePattern.RawText!.Trim('/') is "supporters" or "api/v1/supporters").ToList();
        Assert.Equal(2, supporters.Count);
        Assert.All(supporters, e => Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == Policies.Campaign));
        // Every row of the one table of page access names a real page (or folder of pages) and is applied to it; the
        // pages that change the record need the write policy.
        Assert.Contains(Habeas.Host.PageAccess.Rules, r => r.Path == "/Records/People/Edit" && r.Policy == Policies.Write);
        foreach (var rule in Habeas.Host.PageAccess.Rules)
        {
            var pageEndpoints = endpoints
                .Where(e =>
                    e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()?.ViewEnginePath is { } path
                    && (rule.WholeFolder ? path.StartsWith(rule.Path + "/", StringComparison.Ordinal) : path == rule.Path)
                )
                .ToList();
            Assert.True(pageEndpoints.Count > 0, $"No page at {rule.Path}");
            Assert.All(pageEndpoints, e =>
                Assert.True(
                    rule.Anonymous
                        ? e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                        : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == rule.Policy),
                    $"{rule.Path} lacks {rule.Policy}"
                )
            );
        }
    }
}
