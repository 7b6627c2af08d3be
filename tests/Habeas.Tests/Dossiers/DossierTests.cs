using System.Net;
using System.Net.Http.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;

namespace Habeas.Tests.Dossiers;

/// <summary>The printable case dossiers hold what their reader may see, and nothing else.</summary>
public sealed class DossierTests
{
    private sealed record Planted(Guid PublicCase, Guid InternalCase, TestAccounts.Account Coordinator);

    /// <summary>A public case with a public defendant, an internal witness, public, internal and restricted events, a public and
    /// an internal source, and a confidential prison address on the defendant.</summary>
    private static async Task<Planted> PlantAsync(TestApp app)
    {
        var coordinator = await app.AccountAsync(Roles.Coordinator);
        var holder = await app.AccountAsync(Roles.Monitor, confidential: true);
        var client = coordinator.Client;
        async Task<Guid> PostAsync(string path, object body)
        {
            var response = await client.PostAsJsonAsync(path, body);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<TestApp.Created>())!.Id;
        }
        var defendant = await PostAsync(
            "/api/v1/people",
            new { names = new[] { new { text = "Dossier Defendant" }, new { text = "សុខ ចាន់" } }, level = "public" }
        );
        var witness = await PostAsync("/api/v1/people", new { name = "Internal Witness Name", level = "internal" });
        var publicCase = await PostAsync(
            "/api/v1/cases",
            new
            {
                title = "Public dossier case",
                level = "public",
                summary = new Dictionary<string, string> { ["en"] = "Summary in English", ["km"] = "សេចក្តីសង្ខេប" },
                people = new object[] { new { personId = defendant, role = "defendant" }, new { personId = witness, role = "witness" } },
            }
        );
        var internalCase = await PostAsync(
            "/api/v1/cases",
            new { title = "Internal dossier case", people = new[] { new { personId = defendant, role = "defendant" } } }
        );
        await PostAsync(
            $"/api/v1/cases/{publicCase}/charges",
            new
            {
                description = "Incitement to felony",
                state = "pending",
                provisionCode = "Criminal Code",
                provisionArticle = "495",
            }
        );
        var publicEvent = await PostAsync(
            "/api/v1/events",
            new
            {
                type = "arrest",
                date = "2020-01-10",
                caseId = publicCase,
                personIds = new[] { defendant },
                level = "public",
                description = new Dictionary<string, string> { ["en"] = "PUBLIC-EVENT-TEXT" },
            }
        );
        await PostAsync(
            "/api/v1/events",
            new
            {
                type = "hearing",
                date = "2020-02-10",
                caseId = publicCase,
                personIds = new[] { defendant },
                level = "internal",
                description = new Dictionary<string, string> { ["en"] = "INTERNAL-EVENT-CANARY" },
            }
        );
        await PostAsync(
            "/api/v1/events",
            new
            {
                type = "transfer",
                date = "2020-02-11",
                caseId = publicCase,
                personIds = new[] { defendant },
                level = "restricted",
                description = new Dictionary<string, string> { ["en"] = "RESTRICTED-EVENT-CANARY" },
            }
        );
        var publicSource = await PostAsync("/api/v1/sources", new { title = "PUBLIC-SOURCE-TITLE", level = "public" });
        var internalSource = await PostAsync("/api/v1/sources", new { title = "INTERNAL-SOURCE-CANARY", level = "internal" });
        await PostAsync(
            "/api/v1/citations",
            new
            {
                sourceId = publicSource,
                targetType = "event",
                targetId = publicEvent,
                quote = "public quote",
            }
        );
        await PostAsync(
            "/api/v1/citations",
            new
            {
                sourceId = internalSource,
                targetType = "case",
                targetId = publicCase,
                quote = "internal quote",
            }
        );
        (
            await holder.Client.PutAsJsonAsync(
                $"/api/v1/people/{defendant}/confidential",
                new { fields = new Dictionary<string, string> { ["prison-address"] = "CONFIDENTIAL-CANARY" }, version = 0 }
            )
        ).EnsureSuccessStatusCode();
        return new Planted(publicCase, internalCase, coordinator);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task ThePublicDossier_HoldsPublishedRecordsOnly_WhoeverAsks(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app);
        foreach (var client in new[] { app.CreateAnonymousClient(), planted.Coordinator.Client })
        {
            var response = await client.GetAsync($"/public/cases/{planted.PublicCase}/dossier");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            foreach (
                var expected in new[]
                {
                    "Public dossier case",
                    "Dossier Defendant",
                    "<span lang=\"km\">សុខ ចាន់</span>",
                    "<p class=\"text\" lang=\"km\">សេចក្តីសង្ខេប</p>",
                    "PUBLIC-EVENT-TEXT",
                    "PUBLIC-SOURCE-TITLE",
                    "Criminal Code, Art. 495",
                    "Public edition",
                    "Confidential fields",
                    "withheld",
                    "1 person, 1 charge, 1 event, 1 source (1 citation)",
                }
            )
            {
                Assert.Contains(expected, html, StringComparison.Ordinal);
            }
            foreach (
                var absent in new[]
                {
                    "INTERNAL-EVENT-CANARY",
                    "RESTRICTED-EVENT-CANARY",
                    "INTERNAL-SOURCE-CANARY",
                    "CONFIDENTIAL-CANARY",
                    "Internal Witness Name",
                    "History of this record",
                    planted.Coordinator.Email,
                }
            )
            {
                Assert.DoesNotContain(absent, html, StringComparison.Ordinal);
            }
        }
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await app.CreateAnonymousClient().GetAsync($"/public/cases/{planted.InternalCase}/dossier")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await app.CreateAnonymousClient().GetAsync($"/public/cases/{Guid.NewGuid()}/dossier")).StatusCode
        );
        var khmer = await app.CreateAnonymousClient().GetStringAsync($"/public/cases/{planted.PublicCase}/dossier?lang=km");
        Assert.Contains("<html lang=\"km\">", khmer, StringComparison.Ordinal);
        Assert.Contains("កំណែសាធារណៈ", khmer, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(SqliteOnly))]
    public async Task TheInternalDossier_HoldsWhatTheReaderMaySee_WithHistory_AndNeverConfidentialOrRestrictedValues(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var planted = await PlantAsync(app);
        var monitor = await app.AccountAsync(Roles.Monitor, confidential: true);
        var html = await monitor.Client.GetStringAsync($"/cases/{planted.PublicCase}/dossier");
        foreach (
            var expected in new[]
            {
                "Public dossier case",
                "Internal Witness Name",
                "PUBLIC-EVENT-TEXT",
                "INTERNAL-EVENT-CANARY",
                "PUBLIC-SOURCE-TITLE",
                "INTERNAL-SOURCE-CANARY",
                "internal quote",
                "History of this record",
                "Internal edition",
                monitor.Email,
                "withheld",
            }
        )
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("RESTRICTED-EVENT-CANARY", html, StringComparison.Ordinal);
        Assert.DoesNotContain("CONFIDENTIAL-CANARY", html, StringComparison.Ordinal);
        // Its creator, who may see the restricted event, finds it there.
        Assert.Contains(
            "RESTRICTED-EVENT-CANARY",
            await planted.Coordinator.Client.GetStringAsync($"/cases/{planted.PublicCase}/dossier"),
            StringComparison.Ordinal
        );
        // Signed-out readers are sent to sign in.
        Assert.True(TestApp.WentTo(await app.CreateAnonymousClient().GetAsync($"/cases/{planted.PublicCase}/dossier"), "/login"));
        // The case page links to its dossier.
        Assert.Contains(
            $"/cases/{planted.PublicCase}/dossier",
            await monitor.Client.GetStringAsync($"/cases/{planted.PublicCase}"),
            StringComparison.Ordinal
        );
    }
}
