using Habeas.Campaigns.Actions;
using Habeas.Platform.Api;
using Habeas.Platform.Storage;

namespace Habeas.Campaigns.Replies;

/// <summary>A reply or acknowledgement (POST /api/v1/actions/{id}/replies, and the form on /actions/{id}/replies).</summary>
public sealed class ReplyInput
{
    public string? Kind { get; set; }
    public Guid? TargetId { get; set; }
    public DateOnly? ReceivedOn { get; set; }
    public string? Summary { get; set; }
    public string? Language { get; set; }

    /// <summary>Files uploaded before (POST /api/v1/actions/{id}/files) that belong to the reply.</summary>
    public List<Guid> FileIds { get; set; } = [];

    public async Task<Validation> ValidateAsync(HabeasDb db, CampaignAction action, DateOnly today, CancellationToken cancellationToken)
    {
        var v = new Validation();
        if (Kind is null || !Reply.Kinds.All.Contains(Kind))
        {
            v.Add("kind", "replies.error.kind", new KindLabels());
        }
        if (Kind == Reply.Kinds.TargetReply && TargetId is null)
        {
            v.Add("targetId", "replies.error.targetRequired");
        }
        if (TargetId is { } target && action.Targets.All(t => t.TargetId != target))
        {
            v.Add("targetId", "replies.error.targetNotOfAction", action.Code);
        }
        if (ReceivedOn is null)
        {
            v.Add("receivedOn", "replies.error.receivedRequired");
        }
        else if (ReceivedOn > today)
        {
            v.Add("receivedOn", "replies.error.inFuture", Habeas.Platform.Localization.Display.Day(ReceivedOn.Value));
        }
        if (string.IsNullOrWhiteSpace(Summary))
        {
            v.Add("summary", "replies.error.summaryRequired");
        }
        v.MaxLength("summary", Summary?.Trim(), 4000, "replies.summary");
        if (
            !string.IsNullOrWhiteSpace(Language)
            && (Language.Trim().Length is < 2 or > 8 || !Language.Trim().All(c => char.IsAsciiLetter(c) || c == '-'))
        )
        {
            v.Add("language", "campaigns.error.languageTag", Language);
        }
        if (!v.Count("fileIds", FileIds.Count, InputLimits.ReplyFiles))
        {
            return v;
        }
        var ids = FileIds.Distinct().ToList();
        var found = (await Habeas.Campaigns.Actions.ActionAccess.OfActionAsync(db, action.Id, ids, cancellationToken))
            .Select(f => f.Id)
            .ToHashSet();
        for (var i = 0; i < FileIds.Count; i++)
        {
            if (!found.Contains(FileIds[i]))
            {
                v.Add($"fileIds[{i}]", "campaigns.error.noFile", FileIds[i], action.Code);
            }
        }
        return v;
    }

    /// <summary>The kinds of reply by their labels, in the language of the moment they are read.</summary>
    private sealed record KindLabels
    {
        public override string ToString() =>
            string.Join(", ", Reply.Kinds.All.Select(k => new Validation.Label("replies.kind." + k).ToString()));
    }

    public Reply Create(CampaignAction action)
    {
        var reply = new Reply
        {
            ActionId = action.Id,
            Kind = Kind!,
            TargetId = TargetId,
            ReceivedOn = ReceivedOn!.Value,
            Summary = Summary!.Trim(),
            Language = string.IsNullOrWhiteSpace(Language) ? null : Language.Trim().ToLowerInvariant(),
        };
        reply.Files.AddRange(FileIds.Distinct().Select(f => new ReplyFile { ReplyId = reply.Id, FileId = f }));
        return reply;
    }
}
