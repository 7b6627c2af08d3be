using Habeas.Campaigns.Actions;
using Habeas.Platform.Admin;
using Habeas.Platform.Storage;
using Habeas.Records.Cases;
using Habeas.Records.Events;
using Habeas.Records.People;
using Habeas.Records.Sources;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Host;

/// <summary>
/// Names audited people, cases, events, sources and actions for /admin/audit (<see cref="IAuditRecordNames"/>), read
/// through the reader's query filters: what they may not see stays an id. Other kinds (accounts, files …) stay ids.
/// </summary>
public sealed class AuditRecordNamer(Platform.Vocabulary.Vocabularies vocabularies, Platform.Localization.Texts texts) : IAuditRecordNames
{
    public async Task<IReadOnlyDictionary<Guid, AuditRecordName>> NamesAsync(
        HabeasDb db,
        IReadOnlyCollection<(string Type, Guid Id)> records,
        CancellationToken cancellationToken
    )
    {
        List<Guid> Of(string type) => records.Where(r => r.Type == type).Select(r => r.Id).Distinct().ToList();
        var language = Platform.Localization.Texts.CurrentLanguage;
        var names = new Dictionary<Guid, AuditRecordName>();
        var people = Of("person");
        foreach (
            var p in await db.People.AsNoTracking().Include(p => p.Names).Where(p => people.Contains(p.Id)).ToListAsync(cancellationToken)
        )
        {
            names[p.Id] = new(p.NameFor(language), $"/people/{p.Id}");
        }
        var cases = Of("case");
        foreach (
            var c in await db
                .Cases.AsNoTracking()
                .Where(c => cases.Contains(c.Id))
                .Select(c => new { c.Id, c.Title })
                .ToListAsync(cancellationToken)
        )
        {
            names[c.Id] = new(c.Title, $"/cases/{c.Id}");
        }
        var events = Of("event");
        foreach (var e in await db.Events.AsNoTracking().Where(e => events.Contains(e.Id)).ToListAsync(cancellationToken))
        {
            names[e.Id] = new(
                $"{vocabularies.Label("event-type", e.Type)} · {Platform.Localization.Display.Date(e.Date, texts)}",
                $"/events/{e.Id}/edit"
            );
        }
        var sources = Of("source");
        foreach (
            var s in await db
                .Sources.AsNoTracking()
                .Where(s => sources.Contains(s.Id))
                .Select(s => new { s.Id, s.Title })
                .ToListAsync(cancellationToken)
        )
        {
            names[s.Id] = new(s.Title, $"/sources/{s.Id}");
        }
        var actions = Of("action");
        foreach (
            var a in await db.Set<CampaignAction>()
                .AsNoTracking()
                .Where(a => actions.Contains(a.Id))
                .Select(a => new
                {
                    a.Id,
                    a.Code,
                    a.Title,
                })
                .ToListAsync(cancellationToken)
        )
        {
            names[a.Id] = new($"{a.Code} {a.Title}", $"/actions/{a.Id}");
        }
        return names;
    }
}
