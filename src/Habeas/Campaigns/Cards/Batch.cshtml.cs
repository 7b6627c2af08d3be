using Habeas.Campaigns.Actions;
using Habeas.Platform.Confidential;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.People;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Campaigns.Cards;

/// <summary>
/// A batch sheet to print (A4, one card per block). The prisoner's prison mailing address is confidential: it prints
/// only for a user holding the confidential grant, and reading it is a confidential-read audit entry committed before
/// the page is returned (ConfidentialFields.ReadAsync). Anyone else gets the sheet with the address withheld.
/// </summary>
public sealed class BatchModel(HabeasDb db, KeyRing keys) : PageModel
{
    public const string PrisonAddress = "prison-address";
    private static readonly string[] PrisonerRoles = ["defendant", "co-defendant"];

    public sealed record Recipient(Person Person, string? Address);

    public CampaignAction Action { get; private set; } = null!;
    public CardBatch Batch { get; private set; } = null!;
    public IReadOnlyList<GreetingCard> Cards { get; private set; } = [];
    public IReadOnlyList<Recipient> Recipients { get; private set; } = [];
    public bool MayReadAddress => db.Viewer.Confidential;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid batchId, CancellationToken cancellationToken)
    {
        var action = await ActionsApi.LoadAsync(db, id, cancellationToken);
        var batch = await db.CardBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId && b.ActionId == id, cancellationToken);
        if (action is null || batch is null)
        {
            return NotFound();
        }
        (Action, Batch) = (action, batch);
        Cards = await db
            .GreetingCards.AsNoTracking()
            .Where(c => c.BatchId == batchId)
            .OrderBy(c => c.CreatedAt)
            .ToListAsync(cancellationToken);
        var caseIds = action.Cases.Select(c => c.CaseId).ToList();
        var personIds = await db
            .CaseParticipants.AsNoTracking()
            .Where(p => caseIds.Contains(p.CaseId) && PrisonerRoles.Contains(p.Role))
            .Select(p => p.PersonId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var people = await db
            .People.AsNoTracking()
            .Include(p => p.Names)
            .Where(p => personIds.Contains(p.Id))
            .ToListAsync(cancellationToken);
        var recipients = new List<Recipient>();
        foreach (var person in people.OrderBy(p => p.DisplayName, StringComparer.Ordinal))
        {
            string? address = null;
            if (
                MayReadAddress && (await ConfidentialFields.FilledAsync(db, "person", person.Id, cancellationToken)).Contains(PrisonAddress)
            )
            {
                address = (
                    await ConfidentialFields.ReadAsync(db, keys, "person", person.Id, cancellationToken, [PrisonAddress])
                ).GetValueOrDefault(PrisonAddress);
            }
            recipients.Add(new Recipient(person, address));
        }
        Recipients = recipients;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
