using System.Net;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Habeas.Tests.Letters;

/// <summary>The merged letter previewed by campaign staff before the action is public (/actions/{id}/letters/preview).</summary>
public sealed class LetterPreviewTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task BeforeTheActionIsPublic_StaffSeeTheMergedLetter_FromTheActionPage_AnonymousReadersDoNot(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app, publish: false);
        using var anonymous = app.CreateAnonymousClient();
        using var publicLetter = await anonymous.GetAsync($"/act/{c.ActionId}/letter?target={c.ThaiTarget}&name=A&town=B");
        Assert.Equal(HttpStatusCode.NotFound, publicLetter.StatusCode);

        using var staff = app.CreateAnonymousClient();
        await app.SignInAsync(staff, await app.CreateUserAsync(Roles.Campaigner));
        Assert.Contains(
            $"href=\"/actions/{c.ActionId}/letters/preview\"",
            await staff.GetStringAsync($"/actions/{c.ActionId}"),
            StringComparison.Ordinal
        );
        using var thai = await staff.GetAsync($"/actions/{c.ActionId}/letters/preview?target={c.ThaiTarget}");
        Assert.Equal(HttpStatusCode.OK, thai.StatusCode);
        var html = await thai.Content.ReadAsStringAsync();
        Assert.Contains("Preview — not public.", html, StringComparison.Ordinal);
        Assert.Contains(LetterCampaign.ThaiSentence, html, StringComparison.Ordinal);
        // The prisoner in the target's script, as the public letter names him; nothing unpublished or confidential.
        Assert.Contains("สุข เยือน", html, StringComparison.Ordinal);
        Assert.DoesNotContain(LetterCampaign.HiddenCanary, html, StringComparison.Ordinal);
        Assert.DoesNotContain("CANARYPRISON", html, StringComparison.Ordinal);
        using var khmer = await staff.GetAsync($"/actions/{c.ActionId}/letters/preview?target={c.KhmerTarget}");
        Assert.Contains(LetterCampaign.KhmerSentence, await khmer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var signedOut = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        signedOut.DefaultRequestHeaders.Authorization = null;
        using var refused = await signedOut.GetAsync($"/actions/{c.ActionId}/letters/preview");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.DoesNotContain(LetterCampaign.ThaiSentence, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
