using Habeas.Campaigns.Actions;
using Habeas.Campaigns.Files;
using Habeas.Platform.Api;
using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Habeas.Records.Files;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Campaigns.Stories;

/// <summary>
/// /actions/{id}/story (campaign policy): write the success story of a closed action, with quotes and images (one new
/// image per save, uploaded with the form); coordinators and administrators publish it. A refused field or file
/// re-shows the form with everything typed.
/// </summary>
public sealed class EditModel(HabeasDb db, FileStore store, Texts texts, TimeProvider time) : PageModel
{
    [BindProperty]
    public StoryInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? NewImage { get; set; }

    [BindProperty]
    public StoryInput.MediaInput NewMedia { get; set; } = new();
    public ActionsApi.ActionDetail Action { get; private set; } = null!;
    public Story? Story { get; private set; }
    public string? Refusal { get; private set; }
    public Habeas.Platform.History.ConflictNotice? Conflict { get; private set; }
    public bool Saved { get; private set; }
    public bool MayPublish => db.Viewer.MayPublish;
    public long MaxBytes => store.MaxBytes;
    public IReadOnlyDictionary<Guid, StoredFile> Files { get; private set; } = new Dictionary<Guid, StoredFile>();

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        if (Story is not null)
        {
            Input = StoryInput.From(Story);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await LoadAsync(id, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }
        if (Refusal is not null)
        {
            return Page();
        }
        Input.Quotes = Input.Quotes.Where(q => !q.Remove && !q.IsBlank).ToList();
        Input.Media = Input.Media.Where(m => !m.Remove).ToList();
        var validation = await Input.ValidateAsync(db, action, cancellationToken);
        validation.CopyTo(ModelState);
        byte[]? image = null;
        if (NewImage is { Length: > 0 })
        {
            (image, var problem) = await ReadImageAsync(NewImage, cancellationToken);
            if (problem is not null)
            {
                ModelState.AddModelError(nameof(NewImage), problem);
            }
            if (string.IsNullOrWhiteSpace(NewMedia.Credit))
            {
                ModelState.AddModelError("NewMedia.Credit", texts["stories.creditRequired"]);
            }
            if (NewMedia.Consent && string.IsNullOrWhiteSpace(NewMedia.ConsentBy))
            {
                ModelState.AddModelError("NewMedia.ConsentBy", texts["stories.consentByRequired"]);
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (image is not null)
        {
            var (file, _) = await store.StoreAsync(image, NewImage!.FileName, db.Actor, time.GetUtcNow(), cancellationToken);
            file!.ActionId = id;
            db.StoredFiles.Add(file);
            FilesEndpoints.Audit(db, file);
            NewMedia.FileId = file!.Id;
            Input.Media.Add(NewMedia);
        }
        var story = Story ?? new Story { ActionId = id };
        if (Story is null)
        {
            db.Stories.Add(story);
        }
        if (!await Saving.TrySaveAsync(db, story, Input.Version, () => Input.ApplyTo(story), cancellationToken))
        {
            Conflict = await Saving.FormConflictAsync(db, story, Input.Version, ModelState, v => Input.Version = v, cancellationToken);
            return Page();
        }
        return Redirect($"/actions/{id}/story?saved=true");
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, bool published, CancellationToken cancellationToken)
    {
        var action = await LoadAsync(id, cancellationToken);
        if (action is null || Story is null)
        {
            return NotFound();
        }
        if (!MayPublish)
        {
            return Forbid();
        }
        StoriesApi.SetPublished(db, Story, published, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/actions/{id}/story?saved=true");
    }

    private async Task<(byte[]? Content, string? Problem)> ReadImageAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        if (upload.Length > store.MaxBytes)
        {
            return (
                null,
                FilesEndpoints.Message(texts, Texts.CurrentLanguage, FileTypes.Problem.TooLarge, upload.FileName, store.MaxBytes)
            );
        }
        using var buffer = new MemoryStream();
        await using (var stream = upload.OpenReadStream())
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }
        var content = buffer.ToArray();
        var (type, problem) = FileTypes.Detect(content, upload.FileName, store.MaxBytes);
        if (problem is { } p)
        {
            return (null, FilesEndpoints.Message(texts, Texts.CurrentLanguage, p, upload.FileName, store.MaxBytes));
        }
        return FileTypes.IsImage(type!) ? (content, null) : (null, texts.Format("stories.imageOnly", FileTypes.SafeName(upload.FileName)));
    }

    private async Task<CampaignAction?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        if (action is null || !await ActionAccess.ActionVisibleAsync(db, id, cancellationToken))
        {
            return null;
        }
        Action = await ActionsApi.DetailAsync(db, action, cancellationToken);
        Story = await StoriesApi.LoadAsync(db, id, cancellationToken);
        Files = Story?.Media.Where(m => m.File is not null).ToDictionary(m => m.FileId, m => m.File!) ?? [];
        Refusal = StoryInput.Refusal(action, Story, db.Viewer) is { } refusal ? texts[refusal.Key] : null;
        return action;
    }
}
