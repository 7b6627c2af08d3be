using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Supporters;
using Habeas.Platform.Accounts;
using Habeas.Platform.Mail;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Supporters;

public sealed partial class SupporterTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task SignUp_IsDoubleOptIn_AndOnlyConfirmedFollowersGetUpdates_InTheirLanguageElseEnglish(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var action = await SupporterSteps.IssuedActionAsync(campaigner.Client, "UA 309/02");
        var anonymous = app.CreateAnonymousClient();

        var joined = await SupporterSteps.JoinAsync(anonymous, "Sophea Chan", "Sophea@Example.org", "KH", "km", action: action);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains("Check your email", await joined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = app.OpenDb())
        {
            var pending = await db.Supporters.Include(s => s.Follows).SingleAsync();
            Assert.Equal(
                (Supporter.Pending, "sophea@example.org", "KH", "km", SupporterRules.ConsentVersion),
                (pending.Status, pending.Email, pending.Country, pending.Language, pending.ConsentVersion)
            );
            Assert.Equal(action, Assert.Single(pending.Follows).ActionId);
            // Only the hash of a link is kept.
            var confirmMail = await db.OutboxMessages.SingleAsync();
            var token = SupporterSteps.Link(confirmMail.Body, "/supporters/confirm/").Split('/').Last();
            Assert.True(await db.SupporterTokens.AnyAsync(t => t.Hash == SupporterRules.Hash(token)));
            Assert.False(await db.SupporterTokens.AnyAsync(t => t.Hash == token));
        }
        await SupporterSteps.JoinAsync(anonymous, "Ari Virtanen", "ari@example.org", action: action); // never confirms
        var sophea = await SupporterSteps.ConfirmAsync(app, "sophea@example.org");
        Assert.StartsWith("/supporters/me/", sophea, StringComparison.Ordinal);
        await SupporterSteps.JoinAndConfirmAsync(app, anonymous, "Malee Srisuk", "malee@example.org", "th", action);

        var update = await campaigner.Client.PostAsJsonAsync(
            $"/api/v1/actions/{action}/updates",
            new
            {
                whatChanged = "UNHCR recognises him as a refugee",
                text = new { en = "English further information.", km = "ព័ត៌មានបន្ថែមជាភាសាខ្មែរ។" },
            }
        );
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        await using (var db = app.OpenDb())
        {
            var updates = await db.OutboxMessages.Where(m => m.Kind == SupporterMail.UpdateKind).ToListAsync();
            Assert.Equal(["malee@example.org", "sophea@example.org"], updates.Select(m => m.ToAddress).Order(StringComparer.Ordinal));
            var khmer = updates.Single(m => m.ToAddress == "sophea@example.org");
            Assert.Contains("ព័ត៌មានបន្ថែមជាភាសាខ្មែរ។", khmer.Body, StringComparison.Ordinal);
            Assert.Contains("ជូនចំពោះ Sophea Chan", khmer.Body, StringComparison.Ordinal);
            Assert.Equal(action, khmer.ActionId);
            Assert.Contains(
                "English further information.",
                updates.Single(m => m.ToAddress == "malee@example.org").Body,
                StringComparison.Ordinal
            );
            // Every email carries a working link to the supporter's own page.
            Assert.All(updates, m => SupporterSteps.Link(m.Body, "/supporters/me/"));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(SupporterSteps.Link(khmer.Body, "/supporters/me/"))).StatusCode);
            Assert.False(await db.OutboxMessages.AnyAsync(m => m.ToAddress == "ari@example.org" && m.Kind != SupporterMail.ConfirmKind));

            var audit = await db.AuditEntries.Where(e => e.RecordType == "supporter").ToListAsync();
            Assert.Equal(3, audit.Count(e => e.Action == "supporter-joined"));
            Assert.Equal(2, audit.Count(e => e.Action == "supporter-confirmed"));
            Assert.DoesNotContain(await db.AuditEntries.Select(e => e.Entry).ToListAsync(), e =>
                e.Contains("Sophea", StringComparison.OrdinalIgnoreCase) || e.Contains("malee@", StringComparison.Ordinal)
            );
        }
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnExpiredConfirmationLink_SaysSo_ConfirmsNothing_AndSendsANewOne(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var anonymous = app.CreateAnonymousClient();
        await SupporterSteps.JoinAsync(anonymous, "Ari Virtanen", "ari@example.org");
        var link = SupporterSteps.Link((await SupporterSteps.LastMailAsync(app, "ari@example.org")).Body, "/supporters/confirm/");
        await using (var db = app.OpenDb())
        {
            var past = DateTimeOffset.UtcNow.AddDays(-8);
            await db
                .SupporterTokens.Where(t => t.Purpose == SupporterToken.Confirm)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, past));
        }

        Assert.Contains("has expired", await anonymous.GetStringAsync(link), StringComparison.Ordinal);
        var refused = await TestApp.PostFormAsync(anonymous, link, []);
        Assert.Contains("has expired", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var resent = await Habeas.Tests.Admin.Forms.PostAsync(anonymous, link, "Resend", []);
        Assert.Contains("new confirmation link", await resent.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using (var db = app.OpenDb())
        {
            Assert.Equal(Supporter.Pending, (await db.Supporters.SingleAsync()).Status);
            Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.Kind == SupporterMail.ConfirmKind));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(link)).StatusCode); // the old link is gone
        Assert.StartsWith("/supporters/me/", await SupporterSteps.ConfirmAsync(app, "ari@example.org"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/supporters/confirm/not-a-token")).StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheOwnPage_ShowsAndExportsEverything_AndDeletingErasesThePersonFromEveryColumn_WhileOutreachKeepsItsCounts(
        string provider
    )
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var action = await SupporterSteps.IssuedActionAsync(campaigner.Client, "UA 1/26");
        var anonymous = app.CreateAnonymousClient();
        var page = await SupporterSteps.JoinAndConfirmAsync(app, anonymous, "Sophea Chan", "sophea@example.org", "km", action);
        Guid id;
        await using (var db = app.OpenDb())
        {
            id = (await db.Supporters.SingleAsync()).Id;
        }
        Assert.Equal(
            HttpStatusCode.Created,
            (
                await campaigner.Client.PostAsJsonAsync(
                    $"/api/v1/actions/{action}/outreach",
                    new
                    {
                        channel = "letter",
                        count = 5,
                        supporterId = id,
                    }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Created,
            (await campaigner.Client.PostAsJsonAsync($"/api/v1/actions/{action}/outreach", new { channel = "fax", count = 2 })).StatusCode
        );

        var shown = await anonymous.GetStringAsync(page);
        foreach (var expected in new[] { "Sophea Chan", "sophea@example.org", "UA 1/26", ">5<", SupporterRules.ConsentVersion })
        {
            Assert.Contains(expected, shown, StringComparison.Ordinal);
        }
        var wrong = await Habeas.Tests.Admin.Forms.PostAsync(
            anonymous,
            page,
            "Preferences",
            new()
            {
                ["Input.Regions"] = "TH Finland",
                ["Input.MaxActionsPerMonth"] = "2",
                ["Input.Language"] = "km",
            }
        );
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("value=\"TH Finland\"", wrongPage, StringComparison.Ordinal);
        Assert.Contains(
            new Habeas.Platform.Localization.Texts().Get("en", "supporters.error.regions"),
            wrongPage,
            StringComparison.Ordinal
        );
        await Habeas.Tests.Admin.Forms.PostAsync(
            anonymous,
            page,
            "Preferences",
            new()
            {
                ["Input.Concerns"] = "prisoner-of-conscience",
                ["Input.Regions"] = "th kh",
                ["Input.MaxActionsPerMonth"] = "2",
                ["Input.Language"] = "km",
            }
        );

        var export = await anonymous.GetAsync(page + "/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var data = JsonDocument.Parse(await export.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Sophea Chan", data.GetProperty("name").GetString());
        Assert.Equal("sophea@example.org", data.GetProperty("email").GetString());
        Assert.Equal("FI", data.GetProperty("country").GetString());
        Assert.Equal(SupporterRules.ConsentVersion, data.GetProperty("consentVersion").GetString());
        Assert.Equal(["KH", "TH"], data.GetProperty("preferences").GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("prisoner-of-conscience", data.GetProperty("preferences").GetProperty("concerns")[0].GetString());
        Assert.Equal(2, data.GetProperty("preferences").GetProperty("maxActionsPerMonth").GetInt32());
        Assert.Equal("UA 1/26", data.GetProperty("follows")[0].GetProperty("code").GetString());
        Assert.Equal(5, Assert.Single(data.GetProperty("outreach").EnumerateArray()).GetProperty("count").GetInt32());
        Assert.NotEmpty(data.GetProperty("mail").EnumerateArray());

        Assert.Contains("cannot be undone", await anonymous.GetStringAsync(page + "?delete=true"), StringComparison.Ordinal);
        var deleted = await Habeas.Tests.Admin.Forms.PostAsync(anonymous, page, "Delete", []);
        Assert.Contains(
            new Habeas.Platform.Localization.Texts().Get("en", "supporters.me.deleted"),
            await deleted.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(page + "/export")).StatusCode);

        var summary = await campaigner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{action}/summary");
        Assert.Equal(7, summary.GetProperty("total").GetInt32());
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.Supporters.AnyAsync());
            Assert.False(await db.SupporterTokens.AnyAsync());
            Assert.False(await db.OutboxMessages.AnyAsync());
            Assert.Equal(5, (await db.Outreach.SingleAsync(o => o.Channel == "letter")).Count);
            Assert.Null((await db.Outreach.SingleAsync(o => o.Channel == "letter")).SupporterId);
            var audit = await db
                .AuditEntries.Where(e => e.RecordType == "supporter" && e.RecordId == id)
                .Select(e => e.Action)
                .ToListAsync();
            Assert.Contains("supporter-exported", audit);
            Assert.Contains("supporter-deleted", audit);
        }
        Assert.Empty(await TextColumnsContainingAsync(app, "Sophea"));
        Assert.Empty(await TextColumnsContainingAsync(app, "sophea@"));
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task JoiningWithAKnownAddress_AnswersExactlyAsForANewOne_AndMailsThatSupporterTheirOwnLink(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        await SupporterSteps.JoinAndConfirmAsync(app, app.CreateAnonymousClient(), "Sophea Chan", "sophea@example.org");

        var known = await SupporterSteps.JoinAsync(app.CreateAnonymousClient(), "Somebody Else", "SOPHEA@example.org ", "TH");
        var unknown = await SupporterSteps.JoinAsync(app.CreateAnonymousClient(), "Somebody Else", "nobody@example.org", "TH");
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(WithoutTokens(await unknown.Content.ReadAsStringAsync()), WithoutTokens(await known.Content.ReadAsStringAsync()));

        var mail = await SupporterSteps.LastMailAsync(app, "sophea@example.org");
        Assert.Equal(SupporterMail.KnownKind, mail.Kind);
        Assert.Equal(
            HttpStatusCode.OK,
            (await app.CreateAnonymousClient().GetAsync(SupporterSteps.Link(mail.Body, "/supporters/me/"))).StatusCode
        );
        await using var db = app.OpenDb();
        var sophea = await db.Supporters.SingleAsync(s => s.Email == "sophea@example.org");
        Assert.Equal(("Sophea Chan", "FI"), (sophea.Name, sophea.Country)); // nothing changed by the second sign-up
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task TheJoinForm_WithoutConsentOrWithABadAddress_NamesEachField_KeepsWhatWasTyped_AndWritesNothing(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var response = await SupporterSteps.JoinAsync(
            app.CreateAnonymousClient(),
            "Ari Virtanen",
            "not an address",
            "XX",
            consent: false,
            group: "Amnesty Finland group 12"
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var texts = new Habeas.Platform.Localization.Texts();
        foreach (var key in new[] { "supporters.error.email", "supporters.error.consent", "supporters.error.country" })
        {
            Assert.Contains(texts.Get("en", key), html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(texts.Get("en", "supporters.error.name"), html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ari Virtanen\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Amnesty Finland group 12\"", html, StringComparison.Ordinal);
        Assert.Contains(texts.Get("en", "supporters.consent.text"), html, StringComparison.Ordinal);
        await using var db = app.OpenDb();
        Assert.False(await db.Supporters.AnyAsync());
        Assert.False(await db.OutboxMessages.AnyAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task CampaignersSeeSupporters_OthersDoNot_AndNoLinkOpensAnotherSupporter(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var anonymous = app.CreateAnonymousClient();
        var sophea = await SupporterSteps.JoinAndConfirmAsync(app, anonymous, "Sophea Chan", "sophea@example.org");
        var malee = await SupporterSteps.JoinAndConfirmAsync(app, anonymous, "Malee Srisuk", "malee@example.org");

        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var list = await campaigner.Client.GetStringAsync("/supporters?q=soph");
        Assert.Contains("Sophea Chan", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Malee", list, StringComparison.Ordinal);
        var api = await campaigner.Client.GetFromJsonAsync<JsonElement>("/api/v1/supporters?q=MALEE@");
        Assert.Equal("Malee Srisuk", Assert.Single(api.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        foreach (var role in new[] { Roles.Monitor, Roles.Viewer })
        {
            var other = await app.AccountAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync("/supporters")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.GetAsync("/api/v1/supporters")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/supporters")).StatusCode);
        var noRedirect = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        noRedirect.DefaultRequestHeaders.Authorization = null;
        Assert.Contains("/login", (await noRedirect.GetAsync("/supporters")).Headers.Location?.OriginalString, StringComparison.Ordinal);

        var own = await anonymous.GetStringAsync(sophea);
        Assert.DoesNotContain("Malee", own, StringComparison.Ordinal);
        Assert.Contains("Malee", await anonymous.GetStringAsync(malee), StringComparison.Ordinal);
        var guessed = "/supporters/me/" + SupporterRules.NewToken().Token;
        var answer = await anonymous.GetAsync(guessed);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.DoesNotContain("Sophea", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(guessed + "/export")).StatusCode);
        // A page's own forms act on the supporter of its link only: Malee's link cannot delete Sophea.
        await Habeas.Tests.Admin.Forms.PostAsync(anonymous, malee, "Delete", []);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(sophea)).StatusCode);
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task Outreach_NamingAnUnknownSupporter_Is400NamingSupporterId(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var action = await SupporterSteps.IssuedActionAsync(campaigner.Client, "UA 2/26");
        var response = await campaigner.Client.PostAsJsonAsync(
            $"/api/v1/actions/{action}/outreach",
            new { channel = "letter", supporterId = Guid.NewGuid() }
        );
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(
            JsonDocument
                .Parse(await response.Content.ReadAsStringAsync())
                .RootElement.GetProperty("errors")
                .TryGetProperty("supporterId", out _)
        );
        await using var db = app.OpenDb();
        Assert.False(await db.Outreach.AnyAsync());
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnIssuedAction_IsMailedToSupportersWhosePreferencesMatch_WithinTheirMonthlyMaximum(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: SupporterSteps.Queued());
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var anonymous = app.CreateAnonymousClient();
        var sophea = await SupporterSteps.JoinAndConfirmAsync(app, anonymous, "Sophea Chan", "sophea@example.org");
        var malee = await SupporterSteps.JoinAndConfirmAsync(app, anonymous, "Malee Srisuk", "malee@example.org");
        await SupporterSteps.JoinAsync(anonymous, "Ari Virtanen", "ari@example.org"); // pending: gets nothing
        await Habeas.Tests.Admin.Forms.PostAsync(
            anonymous,
            sophea,
            "Preferences",
            new()
            {
                ["Input.Concerns"] = "fear-of-torture",
                ["Input.MaxActionsPerMonth"] = "1",
                ["Input.Language"] = "en",
            }
        );
        await Habeas.Tests.Admin.Forms.PostAsync(
            anonymous,
            malee,
            "Preferences",
            new()
            {
                ["Input.Regions"] = "TH",
                ["Input.MaxActionsPerMonth"] = "5",
                ["Input.Language"] = "en",
            }
        );
        Guid thaiCase;
        await using (var db = app.OpenDb())
        {
            var thailand = new Habeas.Records.Places.Place
            {
                Kind = "country",
                Names = Habeas.Platform.Shared.LocalizedText.Of("en", "Thailand"),
            };
            var prison = new Habeas.Records.Places.Place
            {
                Kind = "province",
                Names = Habeas.Platform.Shared.LocalizedText.Of("en", "Bangkok"),
                ParentId = thailand.Id,
            };
            var c = new Habeas.Records.Cases.Case { Title = "Extradition case", JurisdictionId = prison.Id };
            db.AddRange(thailand, prison, c);
            await db.SaveChangesAsync();
            thaiCase = c.Id;
        }

        await SupporterSteps.IssuedActionAsync(campaigner.Client, "UA 10/26", concerns: ["fear-of-torture"]);
        await SupporterSteps.IssuedActionAsync(campaigner.Client, "UA 11/26", concerns: ["fear-of-torture"], caseIds: [thaiCase]);

        await using (var db = app.OpenDb())
        {
            var issued = await db.OutboxMessages.Where(m => m.Kind == SupporterMail.IssuedKind).ToListAsync();
            Assert.Equal(2, issued.Count);
            Assert.Contains("UA 10/26", issued.Single(m => m.ToAddress == "sophea@example.org").Subject, StringComparison.Ordinal); // the second is over her maximum
            Assert.Contains("UA 11/26", issued.Single(m => m.ToAddress == "malee@example.org").Subject, StringComparison.Ordinal); // Thailand, not her concerns
        }
    }

    /// <summary>Every text column of every table (and on SQLite every column, as text) that holds the value.</summary>
    internal static async Task<List<string>> TextColumnsContainingAsync(TestApp app, string value)
    {
        await using var db = app.OpenDb();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var postgres = app.Database.Provider == TestDatabase.Postgres;
        var columns = new List<(string Table, string Column)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = postgres
                ? "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json')"
                : "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        Assert.Contains(columns, c => c.Table == "audit_entries");
        Assert.Contains(columns, c => c.Table == "outbox");
        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = postgres
                ? $"SELECT count(*) FROM \"{table}\" WHERE lower(encode(convert_to(\"{column}\"::text, 'UTF8'), 'escape')) LIKE @v"
                : $"SELECT count(*) FROM \"{table}\" WHERE lower(CAST(\"{column}\" AS TEXT)) LIKE @v";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@v";
            parameter.Value = $"%{value.ToLowerInvariant()}%";
            command.Parameters.Add(parameter);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                found.Add($"{table}.{column}");
            }
        }
        return found;
    }

    private static string WithoutTokens(string html) => Token().Replace(html, "");

    [GeneratedRegex("value=\"[A-Za-z0-9_-]{40,}[^\"]*\"")]
    private static partial Regex Token();
}
