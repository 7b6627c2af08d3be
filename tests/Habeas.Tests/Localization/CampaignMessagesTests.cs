using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Campaigns;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Localization;

/// <summary>The campaign wing's messages in the reader's language: form errors (with labels, never codes or API field
/// names) and the API's problem details by Accept-Language.</summary>
public sealed class CampaignMessagesTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ClosingWithNoOutcome_InKhmer_ListsTheOutcomesByTheirKhmerLabels_AndNoCodes(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        var campaigner = await ActionFormsTests.ClientAsync(app, Roles.Campaigner);
        var action = await ActionFormsTests.CreatedId(
            await admin.PostAsJsonAsync(
                "/api/v1/actions",
                new
                {
                    code = "UA 1/26",
                    kind = "urgent-action",
                    title = "Close me",
                }
            )
        );
        var issued = await admin.PostAsJsonAsync($"/api/v1/actions/{action}/issue", new { issuedOn = "2026-01-05" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);

        var response = await TestApp.PostFormAsync(
            campaigner,
            $"/actions/{action}/close?lang=km",
            new() { ["Input.Note"] = "គ្មានលទ្ធផល" }
        );
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("សូមជ្រើសរើសលទ្ធផល៖", page, StringComparison.Ordinal);
        Assert.Contains("ត្រូវបានដោះលែង", page, StringComparison.Ordinal);
        Assert.DoesNotContain("is not an outcome", page, StringComparison.Ordinal);
        Assert.DoesNotContain("(released)", page, StringComparison.Ordinal);

        // A new target with nothing filled in: the message names no API field.
        var target = await TestApp.PostFormAsync(campaigner, $"/actions/{action}/targets/new", new() { ["Input.Fax"] = "" });
        var targetPage = WebUtility.HtmlDecode(await target.Content.ReadAsStringAsync());
        Assert.Contains("Name the official", targetPage, StringComparison.Ordinal);
        Assert.DoesNotContain("(targetId)", targetPage, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheApi_InKhmer_SaysItsProblemDetailsInKhmer(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var admin = app.CreateClient();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("km");
        var missing = Guid.NewGuid();

        var notFound = await admin.GetAsync($"/api/v1/actions/{missing}");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        var problem = await notFound.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("រកមិនឃើញសកម្មភាពយុទ្ធនាការនេះទេ។", problem.GetProperty("title").GetString());
        Assert.Contains(missing.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("គ្មានសកម្មភាព", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var invalid = await admin.PostAsJsonAsync("/api/v1/actions", new { code = "UA 2/26", kind = "urgent-action" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var validation = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Habeas.Platform.Localization.Texts.Load("km")["validation.title"], validation.GetProperty("title").GetString());
        Assert.Equal("សូមដាក់ចំណងជើងឱ្យសកម្មភាព។", validation.GetProperty("errors").GetProperty("title")[0].GetString());

        // English stays the default.
        var english = await app.CreateClient().GetAsync($"/api/v1/actions/{missing}");
        Assert.Equal("No such campaign action.", (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
