using Habeas.Platform.Localization;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Records.Files;

/// <summary>
/// /files/{sources|events|people}/{id} (write policy): a record's files and the form to upload one (multipart, one file
/// with its caption, credit and consent); a person's image can be made their photo. The record's own page shows the same
/// section; a refused upload comes back here with what was typed and the messages in the reader's language. A record the
/// reader may not see is 404.
/// </summary>
public sealed class IndexModel(HabeasDb db, FileStore store, Texts texts, TimeProvider time) : PageModel
{
    [BindProperty]
    public RecordFileInput Input { get; set; } = new();

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public FileOwner Owner { get; private set; } = FileOwner.Source;
    public Guid Id { get; private set; }
    public RecordFilesSection Section { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string segment, Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(segment, id, [], cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string segment, Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(segment, id, [], cancellationToken))
        {
            return NotFound();
        }
        var (file, validation) = await RecordFiles.UploadAsync(db, store, texts, time, Owner, id, Upload, Input, cancellationToken);
        if (file is null)
        {
            await LoadAsync(segment, id, validation.Messages.ToList(), cancellationToken);
            return Page();
        }
        return Redirect(Owner.PageOf(id) + "#files");
    }

    public async Task<IActionResult> OnPostPhotoAsync(string segment, Guid id, Guid? fileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(segment, id, [], cancellationToken) || Owner != FileOwner.Person)
        {
            return NotFound();
        }
        return await RecordFiles.ChoosePhotoAsync(db, id, fileId, cancellationToken) ? Redirect(Owner.PageOf(id)) : NotFound();
    }

    private async Task<bool> LoadAsync(string segment, Guid id, IReadOnlyList<string> errors, CancellationToken cancellationToken)
    {
        if (FileOwner.Of(segment) is not { } owner || !await RecordFiles.OwnerVisibleAsync(db, owner, id, cancellationToken))
        {
            return false;
        }
        Owner = owner;
        Id = id;
        Section = new RecordFilesSection(owner, id, await RecordFiles.ListAsync(db, owner, id, cancellationToken), Input, errors);
        return true;
    }
}
