using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Cards;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Letters;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Cards;

public sealed class CardsTests
{
    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task Cards_ArePending_ThenApprovedAndCounted_OrRejectedWithAReason(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();
        var first = await WriteCardAsync(anonymous, c, "Stay strong, we think of you.\nAnna", "Anna", "FI");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var thanks = await first.Content.ReadAsStringAsync();
        Assert.Contains("Thank you for your card.", thanks);
        Assert.DoesNotContain("CANARY", thanks);
        Assert.Equal(HttpStatusCode.OK, (await WriteCardAsync(anonymous, c, "Your party will win!", "Bo", "")).StatusCode);

        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var list = await campaigner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{c.ActionId}/cards?status=pending");
        var cards = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, cards.Count);
        Assert.Equal("Stay strong, we think of you.\nAnna", cards[0].GetProperty("message").GetString());
        Assert.Equal("en", cards[0].GetProperty("language").GetString());
        var (good, bad) = (cards[0].GetProperty("id").GetGuid(), cards[1].GetProperty("id").GetGuid());

        var noReason = await campaigner.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/cards/{bad}/reject", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await campaigner.Client.PostAsJsonAsync(
                    $"/api/v1/actions/{c.ActionId}/cards/{bad}/reject",
                    new { reason = "Mentions the party." }
                )
            ).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.OK,
            (await campaigner.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/cards/{good}/approve", new { })).StatusCode
        );
        // Read once: a second decision is refused.
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await campaigner.Client.PostAsJsonAsync($"/api/v1/actions/{c.ActionId}/cards/{good}/approve", new { })).StatusCode
        );

        await using var db = app.OpenDb();
        var outreach = await db.Outreach.SingleAsync(o => o.ActionId == c.ActionId);
        Assert.Equal(("card-to-prisoner", 1, "FI"), (outreach.Channel, outreach.Count, outreach.Country));
        Assert.Null(outreach.TargetId);
        var rejected = await db.GreetingCards.SingleAsync(x => x.Id == bad);
        Assert.Equal(("rejected", "Mentions the party."), (rejected.Status, rejected.Reason));
        Assert.Equal(campaigner.Email, rejected.ModeratedBy);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordId == c.ActionId && a.Action == "card-approved"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.RecordId == c.ActionId && a.Action == "card-rejected"));

        var details = await campaigner.Client.GetStringAsync($"/actions/{c.ActionId}");
        Assert.Contains("<dd data-status=\"pending\">0</dd>", details);
        Assert.Contains("<dd data-status=\"approved\">1</dd>", details);
        Assert.Contains("<dd data-status=\"rejected\">1</dd>", details);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task BatchSheet_PrintsThePrisonAddress_OnlyForTheConfidentialGrant_AfterAuditingTheRead(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var c = await LetterCampaign.CreateAsync(app);
        var anonymous = app.CreateAnonymousClient();
        await WriteCardAsync(anonymous, c, "Happy new year from Tampere.", "Anna", "FI");
        await WriteCardAsync(anonymous, c, "We have not forgotten you.", "Ben", "GB");
        var campaigner = await app.AccountAsync(Roles.Campaigner);
        var holder = await app.AccountAsync(Roles.Campaigner, confidential: true);
        foreach (
            var card in (await campaigner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{c.ActionId}/cards"))
                .GetProperty("items")
                .EnumerateArray()
        )
        {
            (
                await campaigner.Client.PostAsJsonAsync(
                    $"/api/v1/actions/{c.ActionId}/cards/{card.GetProperty("id").GetGuid()}/approve",
                    new { }
                )
            ).EnsureSuccessStatusCode();
        }

        // Making the batch leads to its sheet (the client, following the redirect, drops its token: the sheet is asked for below).
        var made = await Admin.Forms.PostAsync(campaigner.Client, $"/actions/{c.ActionId}/cards/batches", "", []);
        await using var db = app.OpenDb();
        var batch = await db.CardBatches.SingleAsync();
        var sheetPath = $"/actions/{c.ActionId}/cards/batches/{batch.Id}";
        Assert.Contains(sheetPath, Uri.UnescapeDataString(made.RequestMessage!.RequestUri!.ToString()), StringComparison.Ordinal);
        var reads = await db.AuditEntries.CountAsync(a => a.Action == "confidential-read" && a.RecordId == c.PersonId);
        using var sheet = await campaigner.Client.GetAsync(sheetPath);
        var withheld = await sheet.Content.ReadAsStringAsync();
        Assert.True(
            sheet.StatusCode == HttpStatusCode.OK,
            withheld + string.Join("\n", app.Logs.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)))
        );
        Assert.Contains("Happy new year from Tampere.", withheld);
        Assert.Contains("We have not forgotten you.", withheld);
        Assert.Contains("Prison address withheld", withheld);
        Assert.DoesNotContain("CANARYPRISON", withheld);
        Assert.Equal(reads, await db.AuditEntries.CountAsync(a => a.Action == "confidential-read" && a.RecordId == c.PersonId));

        var printed = await holder.Client.GetStringAsync(sheetPath);
        Assert.Contains(LetterCampaign.PrisonCanary, printed);
        Assert.Contains("Happy new year from Tampere.", printed);
        var entry = await db
            .AuditEntries.Where(a => a.Action == "confidential-read" && a.RecordId == c.PersonId)
            .OrderByDescending(a => a.Sequence)
            .FirstAsync();
        Assert.Equal(reads + 1, await db.AuditEntries.CountAsync(a => a.Action == "confidential-read" && a.RecordId == c.PersonId));
        Assert.Equal(holder.Email, entry.Actor);
        Assert.Contains("prison-address", entry.Entry, StringComparison.Ordinal);
        Assert.DoesNotContain("health", entry.Entry, StringComparison.Ordinal);

        // Everything approved is batched: no second batch, and the cards are in batch 1.
        Assert.Equal(2, await db.GreetingCards.CountAsync(x => x.BatchId != null));
        Assert.Equal(1, await db.CardBatches.CountAsync());
        Assert.Contains("Batch 1", await campaigner.Client.GetStringAsync($"/actions/{c.ActionId}/cards/batches"));
    }

    internal static async Task<HttpResponseMessage> WriteCardAsync(
        HttpClient client,
        LetterCampaign.Campaign c,
        string message,
        string signedAs,
        string country
    )
    {
        var fields = LetterCampaign.HiddenFields(await client.GetStringAsync($"/act/{c.ActionId}"));
        fields["message"] = message;
        fields["signedAs"] = signedAs;
        fields["country"] = country;
        return await client.PostAsync($"/act/{c.ActionId}/card", new FormUrlEncodedContent(fields));
    }
}
