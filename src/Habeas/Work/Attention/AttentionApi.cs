using Habeas.Platform.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Habeas.Work.Attention;

/// <summary>GET /api/v1/attention: the reader's work list (docs/work-list.md), marks applied, texts in the reader's language
/// (Accept-Language; English by default).</summary>
public static class AttentionApi
{
    public sealed record Item(
        string Kind,
        string Section,
        DateOnly? Due,
        string Severity,
        string Title,
        string Reason,
        string RecordType,
        Guid? RecordId,
        string Key,
        bool Mine,
        string? AssignedTo
    );

    public sealed record Answer(IReadOnlyList<Item> Items);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGroup("/attention")
            .WithTags("Attention")
            .MapGet("/", ListAsync)
            .WithSummary(
                "What needs attention, for you: scheduled events this week, outcomes not recorded, legal deadlines (each explained with its article), limbo, act-by dates, review queues; yours (watched, your teams', assigned to you) first in each section."
            );
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        WorkList workList,
        UserManager<HabeasUser> users,
        CancellationToken cancellationToken
    )
    {
        var items = await workList.ItemsAsync(users.GetUserId(http.User), cancellationToken);
        return Results.Ok(
            new Answer(
                items
                    .Select(i => new Item(
                        i.Kind,
                        i.Section,
                        i.Due,
                        i.Severity,
                        i.Title,
                        i.Reason,
                        i.RecordType,
                        i.RecordId,
                        i.Key,
                        i.Mine,
                        i.AssignedTo
                    ))
                    .ToList()
            )
        );
    }
}
