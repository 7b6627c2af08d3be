using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Habeas.Platform.Accounts;
using Habeas.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Retraction;

/// <summary>
/// A lawful erasure (docs/retraction.md, "Erasure"): no trace of the person's names, personal details or confidential
/// values in any table afterwards; what remains is their id, the ids that point at it, counts and audit hashes, and the
/// audit log still verifies.
/// </summary>
public sealed class ErasureTests
{
    private const string Latin = "Zyxwvut Erasable";
    private const string Khmer = "ស៊ីវុធ ឈ្មោះលុប";
    private const string Biography = "BIOCANARY a teacher from Kampot";
    private const string Criteria = "CRITERIACANARY detained for a speech";

    private static async Task<Guid> IdAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory, ClassData(typeof(AllDatabases))]
    public async Task AnErasedPerson_LeavesNoNameInAnyTable_AndTheAuditLogStillVerifies(string provider)
    {
        // A host of its own: the test reads every byte of the database file.
        await using var app = await TestApp.StartAsync(provider, settings: TestApp.OwnHost);
        var admin = app.CreateClient();
        var person = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/people",
                new
                {
                    names = new object[] { new { text = Latin, kind = "primary" }, new { text = Khmer, kind = "primary" } },
                    birthDate = "1971-05-02",
                    biography = new { en = Biography },
                    tags = new[] { "journalist" },
                }
            )
        );
        var organisation = await IdAsync(
            await admin.PostAsJsonAsync("/api/v1/organisations", new { names = new { en = "Adhoc" }, kind = "ngo" })
        );
        await IdAsync(
            await admin.PostAsJsonAsync(
                $"/api/v1/people/{person}/designations",
                new
                {
                    organisationId = organisation,
                    category = "political-prisoner",
                    criteria = Criteria,
                }
            )
        );
        var arrest = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/events",
                new
                {
                    type = "arrest",
                    date = "2020-01-10",
                    personIds = new[] { person },
                }
            )
        );
        var caseId = await IdAsync(
            await admin.PostAsJsonAsync(
                "/api/v1/cases",
                new { title = "Incitement case", people = new[] { new { personId = person, role = "defendant" } } }
            )
        );
        var holder = (await app.AccountAsync(Roles.Monitor, confidential: true)).Client;
        Assert.Equal(
            HttpStatusCode.OK,
            (
                await holder.PutAsJsonAsync(
                    $"/api/v1/people/{person}/confidential",
                    new { fields = new Dictionary<string, string> { ["health"] = "HEALTHCANARY" }, version = 0 }
                )
            ).StatusCode
        );

        // Refused without a reference or a confirmation; refused to a coordinator.
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await admin.PostAsJsonAsync($"/api/v1/people/{person}/erase", new { reference = "", confirm = true })).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (
                await admin.PostAsJsonAsync($"/api/v1/people/{person}/erase", new { reference = "Request 2026/7", confirm = false })
            ).StatusCode
        );
        var coordinator = (await app.AccountAsync(Roles.Coordinator)).Client;
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (
                await coordinator.PostAsJsonAsync($"/api/v1/people/{person}/erase", new { reference = "Request 2026/7", confirm = true })
            ).StatusCode
        );

        Assert.Equal(
            HttpStatusCode.NoContent,
            (await admin.PostAsJsonAsync($"/api/v1/people/{person}/erase", new { reference = "Request 2026/7", confirm = true })).StatusCode
        );

        // What remains: the id (410 to a reader who may see it), the event and case that point at it, and the log verifies.
        Assert.Equal(HttpStatusCode.Gone, (await admin.GetAsync($"/api/v1/people/{person}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/events/{arrest}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/cases/{caseId}")).StatusCode);
        await using var db = app.OpenDb();
        Assert.True(
            await db.Set<Habeas.Records.Events.EventPerson>()
                .IgnoreQueryFilters()
                .AnyAsync(ep => ep.PersonId == person && ep.EventId == arrest)
        );
        Assert.Null(await Habeas.Platform.Audit.AuditLog.VerifyAsync(db, CancellationToken.None));
        var erasure = await db.AuditEntries.SingleAsync(e => e.Action == Habeas.Platform.Audit.AuditLog.ErasedAction);
        Assert.Equal(person, erasure.RecordId);
        Assert.Contains("Request 2026/7", erasure.Entry, StringComparison.Ordinal);

        string[] canaries = [Latin, "Zyxwvut", Khmer, "ឈ្មោះលុប", Biography, Criteria, "1971-05-02"];
        if (provider == TestDatabase.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
            foreach (var file in Directory.GetFiles(app.Database.DataDirectory, "habeas.db*"))
            {
                var bytes = await Habeas.Tests.Confidential.ConfidentialTests.ReadSharedAsync(file);
                foreach (var canary in canaries)
                {
                    Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(canary)) < 0, $"{canary} found in {Path.GetFileName(file)}");
                }
            }
        }
        else
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var columns = new List<(string Table, string Column)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText =
                    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'bytea', 'jsonb')";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add((reader.GetString(0), reader.GetString(1)));
                }
            }
            foreach (var (table, column) in columns)
            {
                foreach (var canary in canaries)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT count(*) FROM \"{table}\" WHERE \"{column}\"::text LIKE '%' || @c || '%'";
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "c";
                    parameter.Value = canary;
                    command.Parameters.Add(parameter);
                    Assert.True((long)(await command.ExecuteScalarAsync())! == 0, $"{canary} found in {table}.{column}");
                }
            }
        }
    }
}
