using System.Net;
using System.Text.Json;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Admin;
using Habeas.Platform.Audit;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Admin;

public sealed class UserAdministrationTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task NonAdministrators_Get403_FromTheAdministrationPagesAndAuditApi_AndSeeNoLinksToThem(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, role: Roles.Coordinator);
        var coordinator = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var anonymous = app.CreateAnonymousClient();
        string[] api =
        [
            "/api/v1/audit/entries",
            "/api/v1/audit/head",
            "/api/v1/audit/proof/inclusion?sequence=1&treeSize=1",
            "/api/v1/audit/proof/consistency?from=1&to=1",
        ];
        foreach (var url in api)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        }
        foreach (var url in new[] { "/admin/users", "/admin/teams", "/admin/audit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync(url)).StatusCode);
        }
        var home = await coordinator.GetStringAsync("/");
        Assert.DoesNotContain("/admin/", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/account/tokens\"", home, StringComparison.Ordinal);

        var administrator = app.CreateAnonymousClient();
        administrator.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(Roles.Administrator));
        var adminHome = await administrator.GetStringAsync("/");
        Assert.Contains("href=\"/admin/users\"", adminHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit\"", adminHome, StringComparison.Ordinal);
        foreach (var url in api)
        {
            Assert.Equal(HttpStatusCode.OK, (await administrator.GetAsync(url)).StatusCode);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task ChangingARole_WritesAPermissionEntryWithBeforeAndAfter_AndTheyCommitTogetherOrNotAtAll(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var viewer = await app.CreateUserAsync(Roles.Viewer);

        var changed = await Forms.PostAsync(client, "/admin/users", "Role", new() { ["id"] = viewer.Id, ["role"] = Roles.Monitor });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal([Roles.Monitor], await RolesOfAsync(app, viewer.Id));
        var entry = await SingleEntryAsync(app, viewer.Id);
        Assert.Equal(AccountChanges.PermissionChanged, entry.Action);
        Assert.Equal(AccountChanges.AccountType, entry.RecordType);
        Assert.StartsWith("administrator-", entry.Actor, StringComparison.Ordinal);
        Assert.Equal("viewer>monitor", Change(entry, "role"));

        // The audit entry cannot be written: the role change is rolled back with it.
        await using (var db = app.OpenDb())
        {
            await db.Database.ExecuteSqlRawAsync(
                provider == TestDatabase.Sqlite
                    ? "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"
                    : "CREATE FUNCTION test_refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$; "
                        + "CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION test_refuse_audit();"
            );
        }
        var failed = await Forms.PostAsync(client, "/admin/users", "Role", new() { ["id"] = viewer.Id, ["role"] = Roles.Coordinator });
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal([Roles.Monitor], await RolesOfAsync(app, viewer.Id));
        await SingleEntryAsync(app, viewer.Id);

        await using (var db = app.OpenDb())
        {
            await db.Database.ExecuteSqlRawAsync(
                provider == TestDatabase.Sqlite ? "DROP TRIGGER test_refuse_audit" : "DROP TRIGGER test_refuse_audit ON audit_entries"
            );
            Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task GrantDisableEnableAndCreate_AreAudited_AndTheLastAdministratorAndSelfDisablingAreRefused(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        string self;
        await using (var db = app.OpenDb())
        {
            self = await db.ApiTokens.Select(t => t.UserId).SingleAsync();
        }

        // The only administrator can neither disable nor demote themself.
        var refused = await Forms.PostAsync(client, "/admin/users", "Disable", new() { ["id"] = self });
        Assert.Contains("You cannot disable your own account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        refused = await Forms.PostAsync(client, "/admin/users", "Role", new() { ["id"] = self, ["role"] = Roles.Viewer });
        Assert.Contains("This is the last administrator", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([Roles.Administrator], await RolesOfAsync(app, self));
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AccountChanges.PermissionChanged));
        }

        // A new account made on the page, with its role, by invitation (the administrator never types its password).
        var created = await Forms.PostAsync(
            client,
            "/admin/users",
            "Invite",
            new()
            {
                ["Email"] = "sophea@example.org",
                ["Name"] = "Sophea",
                ["NewRole"] = Roles.Monitor,
            }
        );
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains(PasswordLinks.PathPrefix, await created.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        HabeasUser monitor;
        using (var scope = app.Services.CreateScope())
        {
            monitor = (await scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>().FindByEmailAsync("sophea@example.org"))!;
        }
        Assert.Equal([Roles.Monitor], await RolesOfAsync(app, monitor.Id));
        Assert.Equal(">monitor", Change(await SingleEntryAsync(app, monitor.Id, "account-created"), "role"));
        var invalid = await Forms.PostAsync(
            client,
            "/admin/users",
            "Invite",
            new() { ["Email"] = "not an address", ["NewRole"] = Roles.Viewer }
        );
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == "not an address"));
        }

        // Confidential grant given and removed.
        await Forms.PostAsync(client, "/admin/users", "Grant", new() { ["id"] = monitor.Id, ["give"] = "true" });
        Assert.True(await HasConfidentialAsync(app, monitor.Id));
        await Forms.PostAsync(client, "/admin/users", "Grant", new() { ["id"] = monitor.Id, ["give"] = "false" });
        Assert.False(await HasConfidentialAsync(app, monitor.Id));

        // Disabled: its token stops at once; enabled again: it works.
        var monitorClient = app.CreateAnonymousClient();
        await using (var db = app.OpenDb())
        {
            monitorClient.DefaultRequestHeaders.Authorization = new(
                "Bearer",
                await ApiTokens.CreateAsync(db, monitor, "t", TimeSpan.FromDays(1), TimeProvider.System, CancellationToken.None)
            );
        }
        Assert.Equal(HttpStatusCode.OK, (await monitorClient.GetAsync("/api/v1/people")).StatusCode);
        await Forms.PostAsync(client, "/admin/users", "Disable", new() { ["id"] = monitor.Id });
        Assert.Equal(HttpStatusCode.Unauthorized, (await monitorClient.GetAsync("/api/v1/people")).StatusCode);
        var page = await client.GetStringAsync("/admin/users");
        Assert.Contains("Disabled", page, StringComparison.Ordinal);
        await Forms.PostAsync(client, "/admin/users", "Enable", new() { ["id"] = monitor.Id });
        Assert.Equal(HttpStatusCode.OK, (await monitorClient.GetAsync("/api/v1/people")).StatusCode);

        // A second administrator may be demoted, and then the first is the last again.
        var other = await app.CreateUserAsync(Roles.Administrator);
        await Forms.PostAsync(client, "/admin/users", "Disable", new() { ["id"] = other.Id });
        refused = await Forms.PostAsync(client, "/admin/users", "Role", new() { ["id"] = self, ["role"] = Roles.Viewer });
        Assert.Contains("This is the last administrator", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            var entries = (
                await db.AuditEntries.Where(e => e.Action == AccountChanges.PermissionChanged).OrderBy(e => e.Sequence).ToListAsync()
            )
                .Select(e =>
                    (e.RecordId, Fields: string.Join(";", AuditQueries.Read(e).Changes.Select(c => $"{c.Field}:{c.Before}>{c.After}")))
                )
                .ToList();
            Assert.Equal(
                [
                    (Guid.Parse(monitor.Id), "confidential:false>true"),
                    (Guid.Parse(monitor.Id), "confidential:true>false"),
                    (Guid.Parse(monitor.Id), "disabled:false>true"),
                    (Guid.Parse(monitor.Id), "disabled:true>false"),
                    (Guid.Parse(other.Id), "disabled:false>true"),
                ],
                entries
            );
            Assert.Null(await AuditLog.VerifyAsync(db, CancellationToken.None));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TwoAdministratorsDemotingEachOtherAtOnce_LeaveOneAdministrator(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var first = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var second = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        second.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync(Roles.Administrator));
        string[] administrators;
        await using (var db = app.OpenDb())
        {
            administrators = await db.ApiTokens.OrderBy(t => t.CreatedAt).Select(t => t.UserId).ToArrayAsync();
        }
        Assert.Equal(2, administrators.Length);

        // Both forms are read first (once one demotion commits, the other administrator cannot even open the page).
        var demoteSecond = await Forms.PrepareAsync(
            first,
            "/admin/users",
            "Role",
            new() { ["id"] = administrators[1], ["role"] = Roles.Viewer }
        );
        var demoteFirst = await Forms.PrepareAsync(
            second,
            "/admin/users",
            "Role",
            new() { ["id"] = administrators[0], ["role"] = Roles.Viewer }
        );
        var demotions = await Task.WhenAll(demoteSecond(), demoteFirst());

        var remaining = (await RolesOfAsync(app, administrators[0]))
            .Concat(await RolesOfAsync(app, administrators[1]))
            .Count(r => r == Roles.Administrator);
        Assert.Equal(1, remaining);
        Assert.Contains(demotions, d => d.StatusCode == HttpStatusCode.Redirect);
        await using (var db = app.OpenDb())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AccountChanges.PermissionChanged));
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Teams_AreCreatedRenamedAndFilled_AndMembershipIsAPermissionChangeOnTheAccount(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var member = await app.CreateUserAsync(Roles.Monitor);

        Assert.Equal(
            HttpStatusCode.Redirect,
            (await Forms.PostAsync(client, "/admin/teams", "Create", new() { ["name"] = "Battambang field team" })).StatusCode
        );
        var duplicate = await Forms.PostAsync(client, "/admin/teams", "Create", new() { ["name"] = "Battambang field team" });
        Assert.Contains("Another team already has this name", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Guid teamId;
        await using (var db = app.OpenDb())
        {
            teamId = await db.Teams.Select(t => t.Id).SingleAsync();
        }
        await Forms.PostAsync(client, "/admin/teams", "Rename", new() { ["id"] = teamId.ToString(), ["name"] = "Northwest team" });
        await Forms.PostAsync(client, "/admin/teams", "Add", new() { ["id"] = teamId.ToString(), ["userId"] = member.Id });
        var page = await client.GetStringAsync("/admin/teams");
        Assert.Contains("Northwest team", page, StringComparison.Ordinal);
        Assert.Contains(member.Email!, page, StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            Assert.True(await db.TeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == member.Id));
            Assert.Equal(">Northwest team", Change(await SingleEntryAsync(app, member.Id), "teams"));
        }
        await Forms.PostAsync(client, "/admin/teams", "Remove", new() { ["id"] = teamId.ToString(), ["userId"] = member.Id });
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.TeamMembers.AnyAsync());
            var entries = await db.AuditEntries.Where(e => e.RecordId == Guid.Parse(member.Id)).OrderBy(e => e.Sequence).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.Equal("Northwest team>", Change(entries[1], "teams"));
            var teamEntries = await db
                .AuditEntries.Where(e => e.RecordId == teamId)
                .OrderBy(e => e.Sequence)
                .Select(e => e.Action)
                .ToListAsync();
            Assert.Equal(["team-created", "team-renamed"], teamEntries);
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheAuditBrowser_ShowsEntriesNewestFirst_FilteredWithBeforeAndAfter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var viewer = await app.CreateUserAsync(Roles.Viewer);
        await Forms.PostAsync(client, "/admin/users", "Role", new() { ["id"] = viewer.Id, ["role"] = Roles.Campaigner });
        await TestApp.CreatePersonAsync(client, "Kem Sokha");

        var all = TestApp.WithoutCellLabels(await client.GetStringAsync("/admin/audit"));
        Assert.True(
            all.IndexOf("<td>created</td>", StringComparison.Ordinal)
                < all.IndexOf("<td>permission-changed</td>", StringComparison.Ordinal),
            "newest first"
        );
        var filtered = await client.GetStringAsync(
            $"/admin/audit?recordType=account&recordId={viewer.Id}&action=permission-changed&from=2000-01-01&to=2999-12-31"
        );
        Assert.Contains("<del>viewer</del> → <ins>campaigner</ins>", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Kem Sokha", filtered, StringComparison.Ordinal);
        Assert.Contains("Entries found: 1<", filtered, StringComparison.Ordinal);
        var none = await client.GetStringAsync($"/admin/audit?recordType=account&recordId={viewer.Id}&to=2000-01-01");
        Assert.Contains("Entries found: 0<", none, StringComparison.Ordinal);
    }

    private static async Task<List<string>> RolesOfAsync(TestApp app, string userId)
    {
        await using var db = app.OpenDb();
        return await db
            .UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync();
    }

    private static async Task<bool> HasConfidentialAsync(TestApp app, string userId)
    {
        await using var db = app.OpenDb();
        return await db.UserClaims.AnyAsync(c =>
            c.UserId == userId && c.ClaimType == Grants.ClaimType && c.ClaimValue == Grants.Confidential
        );
    }

    private static async Task<AuditEntry> SingleEntryAsync(TestApp app, string userId, string? action = null)
    {
        await using var db = app.OpenDb();
        var id = Guid.Parse(userId);
        return await db.AuditEntries.AsNoTracking().SingleAsync(e => e.RecordId == id && (action == null || e.Action == action));
    }

    /// <summary>"before>after" of one changed field, as the entry's own text has it (null as empty).</summary>
    private static string Change(AuditEntry entry, string field)
    {
        using var json = JsonDocument.Parse(entry.Entry);
        return string.Join(
            '>',
            json.RootElement.GetProperty("changes")
                .GetProperty(field)
                .EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Null ? "" : v.GetString())
        );
    }
}
