using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Habeas.Platform.Mail;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Supporters;

/// <summary>What a supporter does in the tests: sign up, open the links of their emails; and the settings that point mail at a test
/// listener.</summary>
internal static partial class SupporterSteps
{
    /// <summary>Mail over SMTP to the test listener, polled quickly and retried at once.</summary>
    public static Dictionary<string, string?> Smtp(int port, int maxAttempts = 8) =>
        new()
        {
            ["Habeas:Mail:Transport"] = "smtp",
            ["Habeas:Mail:Host"] = "127.0.0.1",
            ["Habeas:Mail:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Habeas:Mail:StartTls"] = "false",
            ["Habeas:Mail:PollSeconds"] = "0.2",
            ["Habeas:Mail:RetrySeconds"] = "0.1",
            ["Habeas:Mail:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Habeas:Mail:TimeoutSeconds"] = "10",
            ["Habeas:Mail:LeaseSeconds"] = "20",
            ["Habeas:Mail:BaseUrl"] = "http://habeas.test",
        };

    /// <summary>No worker: messages stay queued with their bodies, for the tests to read the links.</summary>
    public static Dictionary<string, string?> Queued() =>
        new() { ["Habeas:Mail:Worker"] = "false", ["Habeas:Mail:BaseUrl"] = "http://habeas.test" };

    public static async Task<HttpResponseMessage> JoinAsync(
        HttpClient client,
        string name,
        string email,
        string country = "FI",
        string language = "en",
        bool consent = true,
        Guid? action = null,
        string? group = null
    )
    {
        var path = action is null ? "/supporters/join" : $"/supporters/join?action={action}";
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Email"] = email,
            ["Input.Country"] = country,
            ["Input.Language"] = language,
            ["Input.Group"] = group ?? "",
        };
        if (consent)
        {
            fields["Input.Consent"] = "true";
        }
        return await TestApp.PostFormAsync(client, path, fields);
    }

    /// <summary>The newest queued email to an address.</summary>
    public static async Task<Habeas.Platform.Mail.OutboxMessage> LastMailAsync(TestApp app, string email, string? kind = null)
    {
        await using var db = app.OpenDb();
        return await db
            .OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == email && (kind == null || m.Kind == kind))
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .FirstAsync();
    }

    /// <summary>The path of the link in an email that starts with this prefix ("/supporters/confirm/").</summary>
    public static string Link(string body, string prefix)
    {
        var match = Regex.Match(body, "http://habeas\\.test(" + Regex.Escape(prefix) + "[A-Za-z0-9_-]+)");
        Assert.True(match.Success, $"no {prefix} link in: {body}");
        return match.Groups[1].Value;
    }

    /// <summary>Signs up, confirms through the emailed link, and returns the own-page path the confirmation opens.</summary>
    public static async Task<string> JoinAndConfirmAsync(
        TestApp app,
        HttpClient client,
        string name,
        string email,
        string language = "en",
        Guid? action = null
    )
    {
        Assert.Equal(HttpStatusCode.OK, (await JoinAsync(client, name, email, language: language, action: action)).StatusCode);
        return await ConfirmAsync(app, email);
    }

    /// <summary>Opens the newest confirmation link sent to the address and presses its button; returns the own-page path it
    /// opens.</summary>
    public static async Task<string> ConfirmAsync(TestApp app, string email)
    {
        var confirm = Link((await LastMailAsync(app, email, "supporter-confirm")).Body, "/supporters/confirm/");
        var noRedirect = app.CreateClient(
            new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }
        );
        noRedirect.DefaultRequestHeaders.Authorization = null;
        var confirmed = await TestApp.PostFormAsync(noRedirect, confirm, []);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        return confirmed.Headers.Location!.OriginalString.Split('?')[0];
    }

    public static async Task<Guid> IssuedActionAsync(HttpClient campaigner, string code, string[]? concerns = null, Guid[]? caseIds = null)
    {
        var created = await campaigner.PostAsJsonAsync(
            "/api/v1/actions",
            new
            {
                code,
                kind = "urgent-action",
                title = $"Action {code}",
                concerns = concerns ?? [],
                caseIds = caseIds ?? [],
            }
        );
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await campaigner.PostAsJsonAsync($"/api/v1/actions/{id}/issue", new { })).StatusCode);
        return id;
    }
}
