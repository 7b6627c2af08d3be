using Habeas.Api;
using Habeas.Core.Custody;
using Habeas.Core.Names;
using Habeas.Custody;
using Habeas.Shared;
using Habeas.Storage;
using Habeas.Vocabulary;
using Microsoft.EntityFrameworkCore;

namespace Habeas.People;

public static class PeopleApi
{
    public sealed record NameDto(string Text, string Script, string Kind);
    public sealed record PersonSummary(Guid Id, string DisplayName, IReadOnlyList<NameDto> Names, string CustodyStatus);
    public sealed record CustodyDto(string Status, string From, string? To, bool Presumed);
    public sealed record DaysDto(int Estimate, int Minimum, int Maximum);
    public sealed record CaseRef(Guid Id, string Title, string Role);
    public sealed record EventRef(Guid Id, string Type, string? Date, Guid? CaseId);
    public sealed record PersonDetail(
        Guid Id, int Version, string Level, string DisplayName, IReadOnlyList<NameDto> Names, string? Sex, string? BirthDate,
        int? ReportedAge, string? ReportedAgeOn, string? Nationality, string? Ethnicity, string? Occupation,
        IReadOnlyDictionary<string, string> Biography, IReadOnlyList<string> Tags, string CustodyStatus,
        IReadOnlyList<CustodyDto> Custody, DaysDto DaysDetained, string? SentenceEnd, IReadOnlyList<string> CustodyWarnings,
        IReadOnlyList<CaseRef> Cases, IReadOnlyList<EventRef> Events);
    public sealed record Created(Guid Id, int Version);
    public sealed record PossibleDuplicate(Guid Id, string DisplayName, int Score, string MatchedName);
    public sealed record PersonCreated(Guid Id, int Version, IReadOnlyList<PossibleDuplicate> PossibleDuplicates);

    public static void Map(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/", ListAsync).WithSummary("List people, filtered by a name (part of any name held, or any spelling or script of it) and by custody status on a day.");
        people.MapGet("/{id:guid}", GetAsync).WithSummary("One person with names, derived custody timeline, cases and events.");
        people.MapPost("/", CreateAsync).RequireAuthorization(Accounts.Policies.Write).WithSummary("Create a person; only one name is required. The answer lists people already recorded under a matching name (possibleDuplicates).");
        people.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Accounts.Policies.Write).WithSummary("Replace a person's fields; send the version you read (409 when someone saved since).");
    }

    /// <summary>People filtered by name (a part of any name as written, or any spelling or script of it through the
    /// name index), custody status on a day and tag.</summary>
    public static async Task<IQueryable<Person>> FilterAsync(HabeasDb db, Search.PeopleNameIndex index, string? q, string? status, DateOnly day, string? tag, CancellationToken cancellationToken)
    {
        var query = db.People.AsQueryable();
        var folded = NameFolding.Fold(q);
        if (folded.Length > 0)
        {
            var spelledOtherwise = (await Search.PeopleSearch.SearchAsync(db, index, q!, 200, cancellationToken))
                .Where(h => h.Score >= Duplicates.DuplicateFinder.Threshold).Select(h => h.Id).ToList();
            query = query.Where(p => p.Names.Any(n => n.SearchText.Contains(folded)) || spelledOtherwise.Contains(p.Id));
        }
        if (!string.IsNullOrWhiteSpace(status))
        {
            var ids = CustodyQueries.WithStatusOn(db, status, day);
            query = query.Where(p => ids.Contains(p.Id));
        }
        if (!string.IsNullOrWhiteSpace(tag))
        {
            query = query.Where(p => p.Tags.Any(t => t.Tag == tag));
        }
        return query;
    }

    /// <summary>One page of people in name order, with each one's custody status on <paramref name="day"/>.</summary>
    public static async Task<Page<PersonSummary>> PageAsync(HabeasDb db, IQueryable<Person> query, DateOnly day, int limit, int offset, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var people = await query
            .OrderBy(p => p.Names.Where(n => n.SortOrder == 0).Select(n => n.SearchText).FirstOrDefault())
            .ThenBy(p => p.Id)
            .Skip(offset).Take(limit)
            .Include(p => p.Names)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var statuses = await CustodyQueries.StatusesOnAsync(db, people.Select(p => p.Id).ToList(), day, cancellationToken);
        return new Page<PersonSummary>(people.Select(p => new PersonSummary(p.Id, p.DisplayName, Names(p), statuses[p.Id])).ToList(), total);
    }

    private static async Task<IResult> ListAsync(HabeasDb db, Search.PeopleNameIndex index, TimeProvider time, string? q, string? status, DateOnly? on, string? tag, int? limit, int? offset, CancellationToken cancellationToken)
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        if (status is not null && !CustodyStatuses.TryParse(status, out _))
        {
            var v = new Validation();
            v.Add("status", $"'{status}' is not a custody status; use one of: {string.Join(", ", CustodyStatuses.All.Select(CustodyStatuses.Code))}.");
            return v.Problem();
        }
        var day = on ?? time.Today();
        var page = await PageAsync(db, await FilterAsync(db, index, q, status, day, tag, cancellationToken), day, limit ?? Paging.DefaultLimit, offset ?? 0, cancellationToken);
        return Results.Ok(new { items = page.Items, total = page.Total });
    }

    private static async Task<IResult> GetAsync(Guid id, HabeasDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var profile = await PersonProfile.LoadAsync(db, id, cancellationToken);
        if (profile is null)
        {
            // A merged duplicate's id resolves to the record it was merged into (307: the merge can be undone).
            return await Duplicates.Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor
                ? Results.Redirect($"/api/v1/people/{survivor}", permanent: false, preserveMethod: true)
                : Results.Problem(statusCode: 404, title: "No such person.", detail: $"There is no person with id {id}.");
        }
        var today = time.Today();
        var p = profile.Person;
        var days = profile.Custody.DaysDetained(today);
        return Results.Ok(new PersonDetail(
            p.Id, p.Version, p.Level, p.DisplayName, Names(p), p.Sex, p.BirthDate?.ToString(), p.ReportedAge, p.ReportedAgeOn?.ToString(),
            p.Nationality, p.Ethnicity, p.Occupation, p.Biography, p.Tags.Select(t => t.Tag).ToList(),
            CustodyStatuses.Code(profile.Custody.StatusOn(today).Status),
            profile.Custody.Intervals.Select(i => new CustodyDto(CustodyStatuses.Code(i.Status), i.From.ToString(), i.To?.ToString(), i.Presumed)).ToList(),
            new DaysDto(days.Estimate, days.Minimum, days.Maximum),
            profile.Custody.SentenceEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            profile.Custody.Warnings,
            profile.Cases.Select(c => new CaseRef(c.CaseId, c.Case!.Title, c.Role)).ToList(),
            profile.Events.Select(e => new EventRef(e.Id, e.Type, e.Date?.ToString(), e.CaseId)).ToList()));
    }

    private static async Task<IResult> CreateAsync(PersonInput input, HabeasDb db, Vocabularies vocabularies, Search.PeopleNameIndex index, CancellationToken cancellationToken)
    {
        var validation = input.Validate(vocabularies);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // Created all the same (an integration may be importing on purpose), with the people it may duplicate.
        var possible = await Search.PeopleSearch.PossibleDuplicatesAsync(db, index, input.GivenNames().Select(n => n.Name.Text), cancellationToken);
        var person = new Person();
        input.ApplyTo(person);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/api/v1/people/{person.Id}", new PersonCreated(person.Id, person.Version,
            possible.Select(h => new PossibleDuplicate(h.Id, h.DisplayName, h.Score, h.MatchedName)).ToList()));
    }

    private static async Task<IResult> UpdateAsync(Guid id, PersonInput input, HabeasDb db, Vocabularies vocabularies, CancellationToken cancellationToken)
    {
        var person = await db.People.Include(p => p.Names).Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null && await Duplicates.Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor)
        {
            return Results.Problem(statusCode: 409, title: "This person was merged.", detail: $"Person {id} was merged into {survivor}: change that record, or undo the merge first.");
        }
        if (person is null)
        {
            return Results.Problem(statusCode: 404, title: "No such person.", detail: $"There is no person with id {id}.");
        }
        return await Saving.UpdateAsync(db, person, input.Validate(vocabularies), input.Version, () => input.ApplyTo(person), cancellationToken);
    }

    public static IReadOnlyList<NameDto> Names(Person person) =>
        person.Names.OrderBy(n => n.SortOrder).Select(n => new NameDto(n.Text, n.Script, n.Kind)).ToList();
}
