using System.Net;
using System.Text;
using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Habeas.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Habeas.Tests.Access;

/// <summary>
/// docs/security.md 9: every page and API operation × every role (and anonymous) × every record level, called for
/// real, compared with the rule each operation declares; the result is docs/access-matrix.md (regenerate it
/// with HABEAS_UPDATE_DOCS=1 when operations change, and review the difference).
/// </summary>
public sealed class AccessMatrixTests
{
    private const string Anonymous = "anonymous";
    private const string GrantHolder = "monitor + confidential";
    private static readonly string[] Columns =
    [
        Anonymous,
        Roles.Viewer,
        Roles.Campaigner,
        Roles.Monitor,
        GrantHolder,
        Roles.Coordinator,
        Roles.Administrator,
    ];

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task EveryOperation_ForEveryRoleAndLevel_AllowsOrDeniesAsItsPolicySays(string provider)
    {
        // About 1,500 calls: above the default rate limit of one client.
        await using var app = await TestApp.StartAsync(
            provider,
            settings: new Dictionary<string, string?> { [Habeas.Platform.Security.RateLimits.PermitsKey] = "100000" }
        );
        var records = new Dictionary<(string Type, string Level), Guid>();
        await using (var db = app.OpenDb())
        {
            foreach (var level in RecordLevels.All)
            {
                await PlantAsync(db, level, records);
            }
        }
        var clients = new Dictionary<string, HttpClient>();
        foreach (var column in Columns)
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = null;
            if (column != Anonymous)
            {
                var account = await app.AccountAsync(column == GrantHolder ? Roles.Monitor : column, confidential: column == GrantHolder);
                client.DefaultRequestHeaders.Authorization = new("Bearer", account.Token);
            }
            clients[column] = client;
        }

        var rows = new List<string>();
        var wrong = new List<string>();
        foreach (var operation in Endpoints.All(app.Services))
        {
            var levels = operation.RecordType is null ? [null] : RecordLevels.All.Select(l => (string?)l).ToArray();
            foreach (var level in levels)
            {
                var cells = new List<string>();
                foreach (var column in Columns)
                {
                    var id = level is null ? (Guid?)null : records[(operation.RecordType!, level)];
                    var actual = await CallAsync(clients[column], operation, id);
                    var expected = Expected(operation, column, level);
                    if (actual != expected)
                    {
                        wrong.Add($"{operation.Name} [{level ?? "-"}] as {column}: expected {expected}, got {actual}");
                    }
                    cells.Add(actual);
                }
                rows.Add(
                    $"| `{operation.Name}` | {string.Join(", ", operation.Policies.Count == 0 ? ["anonymous"] : operation.Policies)} | {level ?? "–"} | {string.Join(" | ", cells)} |"
                );
            }
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));

        var document = Render(rows);
        var path = Path.Combine(Repository.Root, "docs", "access-matrix.md");
        if (Environment.GetEnvironmentVariable("HABEAS_UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, document);
        }
        Assert.True(
            File.Exists(path) && (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") == document,
            "docs/access-matrix.md differs from the operations the app has: run the tests with HABEAS_UPDATE_DOCS=1 and review the change."
        );
    }

    /// <summary>The rule: what each role may do, from the policy the operation names and the record's level.</summary>
    private static string Expected(Endpoints.Operation operation, string column, string? level)
    {
        if (operation.Anonymous)
        {
            return "allow";
        }
        var role = column == GrantHolder ? Roles.Monitor : column;
        var denied =
            column == Anonymous
            || (operation.Policies.Contains(Policies.Write) && !Roles.RecordEditors.Contains(role))
            || (operation.Policies.Contains(Policies.Campaign) && !Roles.Campaigners.Contains(role))
            || (operation.Policies.Contains(Policies.Contribute) && !Roles.Contributors.Contains(role))
            || (operation.Policies.Contains(Policies.Import) && !Roles.Importers.Contains(role))
            || (operation.Policies.Contains(Policies.Publish) && !Roles.Publishers.Contains(role))
            || (operation.Policies.Contains(Policies.Coordinate) && !Roles.Coordinators.Contains(role))
            || (operation.Policies.Contains(AccessSetup.ConfidentialPolicy) && column != GrantHolder)
            || (operation.Policies.Contains("administer") && role != Roles.Administrator)
            || (level == RecordLevels.Restricted && role != Roles.Administrator);
        return denied ? "deny" : "allow";
    }

    private static async Task<string> CallAsync(HttpClient client, Endpoints.Operation operation, Guid? id)
    {
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), operation.PathFor(id));
        if (operation.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var location = response.Headers.Location?.OriginalString ?? "";
        if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return $"error {(int)response.StatusCode}";
        }
        if (operation.Anonymous)
        {
            // Open to all: its own redirects (the second sign-in step back to the first) are not refusals.
            return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "deny" : "allow";
        }
        var denied =
            response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (
                response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
                && (
                    location.Contains("/login", StringComparison.Ordinal)
                    || location.Contains("/account/two-factor", StringComparison.Ordinal)
                )
            )
            || (response.StatusCode == HttpStatusCode.NotFound && id is not null);
        return denied ? "deny" : "allow";
    }

    private static async Task PlantAsync(HabeasDb db, string level, Dictionary<(string, string), Guid> records)
    {
        var person = new Person { Level = level };
        person.Names.Add(
            new PersonName
            {
                Text = $"Matrix {level} person",
                Script = "Latn",
                Kind = NameKinds.Primary,
            }
        );
        // The person's affiliation has the person's id, so a route naming both (/people/{id}/affiliations/{affiliationId}) finds it.
        var organisation = new Habeas.Records.Organisations.Organisation
        {
            Kind = "ngo",
            Names = Habeas.Platform.Shared.LocalizedText.Of("en", $"Matrix {level} NGO"),
        };
        person.Affiliations.Add(new Affiliation { Id = person.Id, OrganisationId = organisation.Id });
        var c = new Case { Title = $"Matrix {level} case", Level = level };
        var e = new Event
        {
            Type = "arrest",
            Level = level,
            Date = Core.Dates.FuzzyDate.Parse("2020-01-01"),
        };
        e.People.Add(new EventPerson { PersonId = person.Id });
        var source = new Source { Title = $"Matrix {level} source", Level = level };
        var citation = new Citation
        {
            SourceId = source.Id,
            TargetType = "person",
            TargetId = person.Id,
            Quote = "q",
        };
        db.AddRange(organisation, person, c, e, source, citation);
        await db.SaveChangesAsync();
        records[("person", level)] = person.Id;
        records[("case", level)] = c.Id;
        records[("event", level)] = e.Id;
        records[("source", level)] = source.Id;
        records[("citation", level)] = citation.Id;
    }

    private static string Render(List<string> rows)
    {
        var text = new StringBuilder();
        text.Append("# Access matrix\n\n");
        text.Append("Generated by `AccessMatrixTests` from the running application: every page and API operation, called as every role\n");
        text.Append("(and anonymously) on a record of every level, on SQLite and PostgreSQL. \"allow\" means the request passed\n");
        text.Append("authorization (it may still fail validation); \"deny\" means 401, 403, a redirect to sign-in, or 404 for a record\n");
        text.Append("the caller may not see. Restricted records here name nobody, so only administrators see them. Pages are called\n");
        text.Append("with GET; their form posts are under the same page policy. Do not edit: run the tests with HABEAS_UPDATE_DOCS=1.\n\n");
        text.Append($"| operation | policy | level | {string.Join(" | ", Columns)} |\n");
        text.Append($"|---|---|---|{string.Concat(Columns.Select(_ => "---|"))}\n");
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }
        return text.ToString();
    }
}
