using Habeas.Core.Custody;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Platform.Vocabulary;
using Habeas.Records.Events;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Records.People;

public static class PeopleApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people
            .MapGet("/", ListAsync)
            .WithSummary(
                "List people, filtered by a name (part of any name held, or any spelling or script of it) and by custody status on a day."
            );
        people.MapGet("/{id:guid}", GetAsync).WithSummary("One person with names, derived custody timeline, cases and events.");
        people
            .MapPost("/", CreateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary(
                "Create a person; only one name is required. The answer lists people already recorded under a matching name (possibleDuplicates)."
            );
        people
            .MapPut("/{id:guid}", UpdateAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Write)
            .WithSummary("Replace a person's fields; send the version you read (409 when someone saved since).");
        people
            .MapPost("/{id:guid}/erase", EraseAsync)
            .RequireAuthorization(Habeas.Platform.Accounts.Policies.Administer)
            .WithSummary(
                "Erase a person's personal data for a lawful erasure request (administrators; cannot be undone): see docs/retraction.md for what remains."
            );
    }

    /// <summary>What an erasure names: the request's reference, and the caller's confirmation.</summary>
    public sealed record EraseInput(string? Reference, bool Confirm);

    private static async Task<IResult> EraseAsync(Guid id, EraseInput input, HabeasDb db, CancellationToken cancellationToken)
    {
        var validation = EraseModel.Check(input?.Reference, input?.Confirm ?? false);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        return await PersonErasure.EraseAsync(db, id, input!.Reference!, cancellationToken)
            ? Results.NoContent()
            : Problems.NotFound("person", id);
    }

    private static async Task<IResult> ListAsync(
        HabeasDb db,
        Search.PeopleNameIndex index,
        TimeProvider time,
        string? q,
        string? status,
        DateOnly? on,
        string? tag,
        int? limit,
        int? offset,
        CancellationToken cancellationToken
    )
    {
        if (Paging.Check(limit, offset) is { } invalid)
        {
            return invalid.Problem();
        }
        if (status is not null && !CustodyStatuses.TryParse(status, out _))
        {
            var v = new Validation();
            v.Add("status", "custody.error.status", status, Search.SiteSearch.CustodyChoices);
            return v.Problem();
        }
        var day = on ?? time.Today();
        var page = await PeopleList.PageAsync(
            db,
            await PeopleList.FilterAsync(db, index, q, status, day, tag, cancellationToken),
            day,
            limit ?? Paging.DefaultLimit,
            offset ?? 0,
            cancellationToken
        );
        return Results.Ok(new { items = page.Items, total = page.Total });
    }

    private static async Task<IResult> GetAsync(
        Guid id,
        HabeasDb db,
        TimeProvider time,
        Texts texts,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var profile = await PersonProfile.LoadAsync(db, id, cancellationToken);
        if (profile is null)
        {
            // A merged duplicate's id resolves to the record it was merged into (307: the merge can be undone).
            return await Duplicates.Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor
                ? Results.Redirect($"/api/v1/people/{survivor}", permanent: false, preserveMethod: true)
                : Problems.NotFound("person", id);
        }
        var today = time.Today();
        var p = profile.Person;
        var days = profile.Custody.DaysDetained(today);
        return Results.Ok(
            new PersonDetail(
                p.Id,
                p.Version,
                p.Level,
                p.DisplayName,
                PeopleList.Names(p),
                p.Sex,
                p.BirthDate?.ToString(),
                p.ReportedAge,
                p.ReportedAgeOn?.ToString(),
                p.Nationality,
                p.Ethnicity,
                p.Occupation,
                p.Biography,
                p.Tags.Select(t => t.Tag).ToList(),
                CustodyStatuses.Code(profile.Custody.StatusOn(today).Status),
                profile
                    .Custody.Intervals.Select(i => new CustodyDto(
                        CustodyStatuses.Code(i.Status),
                        i.From.ToString(),
                        i.To?.ToString(),
                        i.Presumed
                    ))
                    .ToList(),
                new DaysDto(days.Estimate, days.Minimum, days.Maximum),
                profile.Custody.SentenceEnd?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                profile
                    .Custody.Warnings.Select(w => new CustodyWarningDto(
                        w.Code,
                        w.EventId,
                        Habeas.Records.Custody.CustodyWarningText.Say(w, texts, vocabularies)
                    ))
                    .ToList(),
                profile.Cases.Select(c => new CaseRef(c.CaseId, c.Case!.Title, c.Role)).ToList(),
                profile.Events.Select(e => new EventRef(e.Id, e.Type, e.Date?.ToString(), e.CaseId)).ToList()
            )
        );
    }

    private static async Task<IResult> CreateAsync(
        PersonInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        Search.PeopleNameIndex index,
        CancellationToken cancellationToken
    )
    {
        var validation = input.Validate(vocabularies);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }
        // Created all the same (an integration may be importing on purpose), with the people it may duplicate.
        var possible = await Search.PeopleSearch.PossibleDuplicatesAsync(
            db,
            index,
            input.GivenNames().Select(n => n.Name.Text),
            cancellationToken
        );
        var person = new Person();
        input.ApplyTo(person, db.Viewer);
        db.People.Add(person);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created(
            $"/api/v1/people/{person.Id}",
            new PersonCreated(
                person.Id,
                person.Version,
                possible.Select(h => new PossibleDuplicate(h.Id, h.DisplayName, h.Score, h.MatchedName)).ToList()
            )
        );
    }

    private static async Task<IResult> UpdateAsync(
        Guid id,
        PersonInput input,
        HabeasDb db,
        Vocabularies vocabularies,
        CancellationToken cancellationToken
    )
    {
        var person = await db.People.Include(p => p.Names).Include(p => p.Tags).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (person is null && await Duplicates.Merging.SurvivorOfAsync(db, id, cancellationToken) is { } survivor)
        {
            return Problems.Problem(409, "merge.problem.merged", "merge.problem.mergedDetail", [id, survivor]);
        }
        if (person is null)
        {
            return Problems.NotFound("person", id);
        }
        return await Saving.UpdateAsync(
            db,
            person,
            input.Validate(vocabularies),
            input.Version,
            () => input.ApplyTo(person, db.Viewer),
            cancellationToken
        );
    }
}
