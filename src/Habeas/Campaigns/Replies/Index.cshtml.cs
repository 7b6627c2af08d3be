using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Files;
using Habeas.Platform.Localization;
using Habeas.Platform.Shared;
using Habeas.Platform.Storage;
using Habeas.Records.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Replies;

/// <summary>
/// /actions/{id}/replies (campaign policy): the replies and acknowledgements received for an action, and the form to
/// record one with its files (multipart). A refused file or field re-shows the form with everything typed.
/// </summary>
public sealed class IndexModel(HabeasDb db, FileStore store, Texts texts, TimeProvider time) : PageModel
{
    [BindProperty]
    public ReplyInput Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Uploads { get; set; } = [];
    public ActionsApi.ActionDetail Action { get; private set; } = null!;
    public IReadOnlyList<RepliesApi.ReplyDto> Replies { get; private set; } = [];
    public long MaxBytes => store.MaxBytes;
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        Input.ReceivedOn = time.Today();
        return await LoadAsync(id, cancellationToken) is { } action ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        var validation = await Input.ValidateAsync(db, action, time.Today(), cancellationToken);
        if (!validation.IsValid)
        {
            validation.CopyTo(ModelState);
        }
        // Every file is checked before any is written.
        var received = new List<(byte[] Content, string Name)>();
        foreach (var upload in Uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)))
        {
            var content = upload.Length <= store.MaxBytes ? await ReadAsync(upload, cancellationToken) : [];
            var (_, problem) =
                upload.Length > store.MaxBytes
                    ? (null, FileTypes.Problem.TooLarge)
                    : FileTypes.Detect(content, upload.FileName, store.MaxBytes);
            if (problem is { } p)
            {
                ModelState.AddModelError(
                    nameof(Uploads),
                    FilesEndpoints.Message(texts, Texts.CurrentLanguage, p, upload.FileName, store.MaxBytes)
                );
            }
            else
            {
                received.Add((content, upload.FileName));
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        foreach (var (content, name) in received)
        {
            var (file, _) = await store.StoreAsync(content, name, db.Actor, time.GetUtcNow(), cancellationToken);
            file!.ActionId = id;
            db.StoredFiles.Add(file);
            FilesEndpoints.Audit(db, file);
            Input.FileIds.Add(file!.Id);
        }
        db.Replies.Add(Input.Create(action));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/actions/{id}/replies?saved=true");
    }

    private static async Task<byte[]> ReadAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var stream = upload.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private async Task<CampaignAction?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null || !await ActionAccess.ActionVisibleAsync(db, id, cancellationToken))
        {
            return null;
        }
        Action = await ActionsApi.DetailAsync(db, action, cancellationToken);
        Replies = await RepliesApi.ListOfAsync(db, id, cancellationToken);
        return action;
    }
}
