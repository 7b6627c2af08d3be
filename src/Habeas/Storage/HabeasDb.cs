using System.Text;
using System.Text.Json;
using Habeas.Cases;
using Habeas.Core.Custody;
using Habeas.Core.Dates;
using Habeas.Custody;
using Habeas.Events;
using Habeas.History;
using Habeas.Organisations;
using Habeas.People;
using Habeas.Places;
using Habeas.Shared;
using Habeas.Sources;
using Habeas.Vocabulary;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Habeas.Storage;

/// <summary>
/// The one database context. Saving keeps history and derived data in the same transaction as the change:
/// every versioned record gets a <see cref="RecordVersion"/>, and the custody periods of everyone whose
/// events changed are rebuilt.
/// </summary>
public sealed class HabeasDb(DbContextOptions<HabeasDb> options, TimeProvider time, IHttpContextAccessor? http = null)
    : IdentityDbContext<Accounts.HabeasUser>(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonName> PersonNames => Set<PersonName>();
    public DbSet<PersonTag> PersonTags => Set<PersonTag>();
    public DbSet<Affiliation> Affiliations => Set<Affiliation>();
    public DbSet<Designation> Designations => Set<Designation>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseParticipant> CaseParticipants => Set<CaseParticipant>();
    public DbSet<LegalProvision> LegalProvisions => Set<LegalProvision>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<Intervention> Interventions => Set<Intervention>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventPerson> EventPeople => Set<EventPerson>();
    public DbSet<EventActor> EventActors => Set<EventActor>();
    public DbSet<Source> Sources => Set<Source>();
    public DbSet<Citation> Citations => Set<Citation>();
    public DbSet<VocabularyTerm> VocabularyTerms => Set<VocabularyTerm>();
    public DbSet<RecordVersion> RecordVersions => Set<RecordVersion>();
    public DbSet<PartVersion> PartVersions => Set<PartVersion>();
    public DbSet<CustodyPeriod> CustodyPeriods => Set<CustodyPeriod>();
    public DbSet<PublishedCustodyPeriod> PublishedCustodyPeriods => Set<PublishedCustodyPeriod>();
    public DbSet<CustodyDayChange> CustodyDayChanges => Set<CustodyDayChange>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Audit.AuditHead> AuditHeads => Set<Audit.AuditHead>();
    public DbSet<Accounts.ApiToken> ApiTokens => Set<Accounts.ApiToken>();
    // One-time password links and passkeys (Accounts/PasswordLinks.cs, Accounts/Passkeys.cs; docs/accounts.md).
    public DbSet<Accounts.PasswordLink> PasswordLinks => Set<Accounts.PasswordLink>();
    public DbSet<Accounts.Passkey> Passkeys => Set<Accounts.Passkey>();
    public DbSet<Access.RecordGrant> RecordGrants => Set<Access.RecordGrant>();
    public DbSet<Access.Team> Teams => Set<Access.Team>();
    public DbSet<Access.TeamMember> TeamMembers => Set<Access.TeamMember>();
    public DbSet<Confidential.ConfidentialValue> ConfidentialValues => Set<Confidential.ConfidentialValue>();
    public DbSet<Search.SearchEntry> SearchEntries => Set<Search.SearchEntry>();
    public DbSet<Duplicates.PersonMerge> PersonMerges => Set<Duplicates.PersonMerge>();
    public DbSet<Duplicates.DuplicateDismissal> DuplicateDismissals => Set<Duplicates.DuplicateDismissal>();
    public DbSet<Campaigns.CampaignAction> CampaignActions => Set<Campaigns.CampaignAction>();
    public DbSet<Campaigns.CampaignTarget> CampaignTargets => Set<Campaigns.CampaignTarget>();
    public DbSet<Campaigns.Outreach> Outreach => Set<Campaigns.Outreach>();
    // Supporters and the email outbox (Supporters/ and Mail/).
    public DbSet<Supporters.Supporter> Supporters => Set<Supporters.Supporter>();
    public DbSet<Supporters.SupporterAction> SupporterActions => Set<Supporters.SupporterAction>();
    public DbSet<Supporters.SupporterToken> SupporterTokens => Set<Supporters.SupporterToken>();
    public DbSet<Mail.OutboxMessage> OutboxMessages => Set<Mail.OutboxMessage>();
    // Idempotent API writes (Api/Idempotency.cs).
    public DbSet<Api.IdempotencyRecord> IdempotencyRecords => Set<Api.IdempotencyRecord>();
    // Spent nonces of the anonymous forms (Security/PublicForms.cs).
    public DbSet<Security.UsedFormStamp> UsedFormStamps => Set<Security.UsedFormStamp>();
    // Recurring jobs run once across servers (Jobs/ScheduledJobs.cs).
    public DbSet<Jobs.ScheduledJob> ScheduledJobs => Set<Jobs.ScheduledJob>();
    // The Data Protection key ring, shared by every server on the database (Confidential/DataProtectionKeys.cs).
    public DbSet<Confidential.DataProtectionKeyRow> DataProtectionKeys => Set<Confidential.DataProtectionKeyRow>();

    /// <summary>The clock this context stamps changes with.</summary>
    public TimeProvider Time => time;

    private readonly List<Action> _afterCommit = [];

    /// <summary>Runs once the next save has committed (the mail worker is woken so).</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Commits a transaction begun on this context, then runs what waited for the commit.</summary>
    public async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.CommitAsync(cancellationToken);
        RunAfterCommit();
    }

    /// <summary>
    /// A transaction for work that must be whole: a new one, or — when the request already runs inside one (an
    /// Idempotency-Key write) — that one, which then commits or rolls back with everything else.
    /// </summary>
    public async Task<UnitOfWork> BeginWorkAsync(CancellationToken cancellationToken) =>
        new(this, Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null);

    /// <summary>See <see cref="BeginWorkAsync"/>. Disposed without <see cref="CompleteAsync"/>, its own transaction rolls back.</summary>
    public sealed class UnitOfWork(HabeasDb db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own) : IAsyncDisposable
    {
        public Task CompleteAsync(CancellationToken cancellationToken) => own is null ? Task.CompletedTask : db.CommitAsync(own, cancellationToken);

        public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    private void RunAfterCommit()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }
    // Letters and cards: templates, sent receipts, greeting cards and their batches.
    public DbSet<Letters.LetterTemplate> LetterTemplates => Set<Letters.LetterTemplate>();
    public DbSet<Letters.SentReceipt> SentReceipts => Set<Letters.SentReceipt>();
    public DbSet<Cards.GreetingCard> GreetingCards => Set<Cards.GreetingCard>();
    public DbSet<Cards.CardBatch> CardBatches => Set<Cards.CardBatch>();
    // Stored files, replies and success stories (Files/, Replies/, Stories/).
    public DbSet<Files.StoredFile> StoredFiles => Set<Files.StoredFile>();
    public DbSet<Replies.Reply> Replies => Set<Replies.Reply>();
    public DbSet<Stories.Story> Stories => Set<Stories.Story>();
    public DbSet<Stories.StoryMedia> StoryMedia => Set<Stories.StoryMedia>();
    // Import: the ids other systems give records, so a second import updates instead of duplicating.
    public DbSet<Import.ExternalId> ExternalIds => Set<Import.ExternalId>();

    /// <summary>Who is making the changes saved by this context (recorded in history and the audit log):
    /// set by command-line verbs, else the signed-in user of the request.</summary>
    public string? Actor
    {
        get => _actor ?? http?.HttpContext?.User.Identity?.Name;
        set => _actor = value;
    }

    private string? _actor;

    /// <summary>
    /// Who is reading: every query on people, cases, events, sources and what hangs from them is filtered by
    /// it (see <see cref="Access.RecordLevels"/>). The signed-in user of the request unless set explicitly;
    /// with neither, anonymous (published records only).
    /// </summary>
    public Access.Viewer Viewer
    {
        get => _viewer ?? Access.Viewer.Of(http?.HttpContext?.User);
        set => _viewer = value;
    }

    private Access.Viewer? _viewer;

    // Read by the query filters at each query (EF Core parameterises context members).
    private bool ViewerSignedIn => Viewer.SignedIn;
    private bool ViewerSeesAllRestricted => Viewer.SeesAllRestricted;
    private string? ViewerUserId => Viewer.UserId;

    private readonly List<Audit.AuditLog.Change> _pendingAudit = [];

    // Export/DirectoryImport.cs: records taken back from an export keep their version and timestamps,
    // and their history in this installation starts with an "imported" version.
    public bool Importing { get; set; }

    // Storage/DatabaseCopy.cs (migrate-to): every row, history and audit log included, written as it is in the source,
    // so nothing is added (no version, no audit entry, no derived row).
    public bool CopyingAsIs { get; set; }

    /// <summary>Adds an audit entry that is not a record change (a sign-in, a permission change, an export, a read of
    /// confidential data); it is written by the next save, in the same transaction as whatever that save writes.</summary>
    /// <summary>Drops every change not saved and the audit entries waiting for them: after a refused save, nothing of it is written later.</summary>
    public void ForgetUnsaved()
    {
        ChangeTracker.Clear();
        _pendingAudit.Clear();
    }

    public void LogAction(string action, string recordType, Guid recordId, IReadOnlyDictionary<string, string?[]>? changes = null, IReadOnlyDictionary<string, string?>? details = null) =>
        _pendingAudit.Add(new Audit.AuditLog.Change(action, recordType, recordId, null, null, changes, details));

    private static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<FuzzyDate>().HaveConversion<FuzzyDateConverter>().HaveMaxLength(32);
        configurationBuilder.Properties<LocalizedText>().HaveConversion<LocalizedTextConverter, LocalizedTextComparer>();
        if (Database.IsSqlite())
        {
            // SQLite has no date-time-offset type that sorts; store UTC ticks so ORDER BY works.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Accounts.ApiToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasOne<Accounts.HabeasUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.ApplyConfiguration(new Accounts.PasswordLinkConfiguration());
        builder.ApplyConfiguration(new Accounts.PasskeyConfiguration());
        builder.Entity<Access.RecordGrant>(e =>
        {
            e.HasIndex(g => new { g.RecordId, g.UserId });
            e.HasIndex(g => new { g.RecordId, g.TeamId });
            e.HasOne<Accounts.HabeasUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Access.Team>().WithMany().HasForeignKey(g => g.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Access.Team>(e => e.HasIndex(t => t.Name).IsUnique());
        builder.Entity<Access.TeamMember>(e =>
        {
            e.HasKey(m => new { m.TeamId, m.UserId });
            e.HasIndex(m => m.UserId);
            e.HasOne<Access.Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Accounts.HabeasUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Confidential.ConfidentialValue>(e =>
        {
            e.HasIndex(v => new { v.RecordType, v.RecordId, v.Field }).IsUnique();
            e.Property(v => v.RecordType).HasMaxLength(40);
            e.Property(v => v.Field).HasMaxLength(40);
        });
        builder.Entity<Search.SearchEntry>(e =>
        {
            e.HasKey(x => new { x.RecordType, x.RecordId });
            e.Property(x => x.RecordType).HasMaxLength(16);
        });
        builder.Entity<Duplicates.PersonMerge>(e =>
        {
            e.HasIndex(m => m.MergedId);
            e.HasIndex(m => m.IntoId);
        });
        builder.Entity<Duplicates.DuplicateDismissal>(e => e.HasKey(d => new { d.PersonA, d.PersonB }));
        builder.Entity<Campaigns.CampaignAction>(e =>
        {
            e.ToTable("actions");
            // Staff see an action when they may see every case it is about (Access/Visibility.cs): its appeal, letters and
            // targets name the prisoner. Anonymous contexts (the public site, supporters' pages) read only public actions.
            e.HasQueryFilter(ActionFilter, a => !ViewerSignedIn
                || !Set<Campaigns.ActionCase>().Any(c => c.ActionId == a.Id && !Cases.Any(x => x.Id == c.CaseId)));
            e.Property(a => a.Version).IsConcurrencyToken();
            e.Property(a => a.Code).HasMaxLength(40);
            e.Property(a => a.Kind).HasMaxLength(40);
            e.Property(a => a.Title).HasMaxLength(400);
            e.Property(a => a.Status).HasMaxLength(16);
            e.Property(a => a.Outcome).HasMaxLength(40);
            e.HasIndex(a => a.Code).IsUnique();
            e.HasMany(a => a.Cases).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Concerns).WithOne().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Targets).WithOne().HasForeignKey(t => t.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(a => a.Updates).WithOne().HasForeignKey(u => u.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Event>().WithMany().HasForeignKey(a => a.OutcomeEventId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Campaigns.ActionCase>(e =>
        {
            e.ToTable("action_cases");
            e.HasKey(c => new { c.ActionId, c.CaseId });
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => c.CaseId);
        });
        builder.Entity<Campaigns.ActionConcern>(e =>
        {
            e.ToTable("action_concerns");
            e.HasKey(c => new { c.ActionId, c.Tag });
        });
        builder.Entity<Campaigns.ActionTarget>(e =>
        {
            e.ToTable("action_targets");
            e.HasKey(t => new { t.ActionId, t.TargetId });
            e.HasOne(t => t.Target).WithMany().HasForeignKey(t => t.TargetId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Campaigns.ActionUpdate>(e =>
        {
            e.ToTable("action_updates");
            e.HasIndex(u => new { u.ActionId, u.Number }).IsUnique();
            e.Property(u => u.WhatChanged).HasMaxLength(400);
        });
        builder.Entity<Campaigns.CampaignTarget>(e =>
        {
            e.ToTable("targets");
            e.Property(t => t.Version).IsConcurrencyToken();
            e.Ignore(t => t.DisplayName);
        });
        builder.Entity<Campaigns.Outreach>(e =>
        {
            e.ToTable("outreach");
            e.HasQueryFilter(o => CampaignActions.Any(a => a.Id == o.ActionId));
            e.Property(o => o.Channel).HasMaxLength(40);
            e.Property(o => o.Country).HasMaxLength(2);
            e.Property(o => o.Language).HasMaxLength(8);
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(o => o.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Campaigns.CampaignTarget>().WithMany().HasForeignKey(o => o.TargetId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(o => new { o.ActionId, o.Date });
        });
        ConfigureSupportersAndMail(builder);
        // Letters and cards.
        builder.Entity<Letters.LetterTemplate>(e =>
        {
            e.HasQueryFilter(t => CampaignActions.Any(a => a.Id == t.ActionId));
            e.ToTable("letter_templates");
            e.Property(t => t.Version).IsConcurrencyToken();
            e.Property(t => t.Language).HasMaxLength(8);
            e.Property(t => t.Text).HasMaxLength(Core.Letters.LetterMerge.MaxTemplateLength);
            e.HasIndex(t => new { t.ActionId, t.Language }).IsUnique();
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(t => t.ActionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Letters.SentReceipt>(e =>
        {
            e.ToTable("sent_receipts");
            e.HasOne<Campaigns.Outreach>().WithMany().HasForeignKey(r => r.OutreachId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => r.OutreachId);
        });
        builder.Entity<Cards.GreetingCard>(e =>
        {
            e.HasQueryFilter(c => CampaignActions.Any(a => a.Id == c.ActionId));
            e.ToTable("cards");
            e.Property(c => c.Message).HasMaxLength(Core.Letters.SupporterText.MaxMessage);
            e.Property(c => c.SignedAs).HasMaxLength(Core.Letters.SupporterText.MaxName);
            e.Property(c => c.Country).HasMaxLength(2);
            e.Property(c => c.Language).HasMaxLength(8);
            e.Property(c => c.Status).HasMaxLength(16);
            e.Property(c => c.Reason).HasMaxLength(1000);
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(c => c.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Cards.CardBatch>().WithMany().HasForeignKey(c => c.BatchId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(c => new { c.ActionId, c.Status });
        });
        builder.Entity<Cards.CardBatch>(e =>
        {
            e.HasQueryFilter(b => CampaignActions.Any(a => a.Id == b.ActionId));
            e.ToTable("card_batches");
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(b => b.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(b => new { b.ActionId, b.Number }).IsUnique();
        });
        // Stored files, replies and success stories (Files/, Replies/, Stories/).
        builder.Entity<Files.StoredFile>(e =>
        {
            e.HasQueryFilter(f => CampaignActions.Any(a => a.Id == f.ActionId));
            e.ToTable("stored_files");
            e.Property(f => f.Sha256).HasMaxLength(64);
            e.Property(f => f.MediaType).HasMaxLength(64);
            e.Property(f => f.OriginalName).HasMaxLength(200);
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(f => f.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => f.Sha256);
            e.Ignore(f => f.IsImage);
        });
        builder.Entity<Replies.Reply>(e =>
        {
            e.HasQueryFilter(r => CampaignActions.Any(a => a.Id == r.ActionId));
            e.ToTable("replies");
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Property(r => r.Kind).HasMaxLength(40);
            e.Property(r => r.Language).HasMaxLength(8);
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(r => r.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Campaigns.CampaignTarget>().WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.ReplyId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.ActionId, r.ReceivedOn });
        });
        builder.Entity<Replies.ReplyFile>(e =>
        {
            e.ToTable("reply_files");
            e.HasKey(f => new { f.ReplyId, f.FileId });
            e.HasOne(f => f.File).WithMany().HasForeignKey(f => f.FileId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Stories.Story>(e =>
        {
            e.HasQueryFilter(s => CampaignActions.Any(a => a.Id == s.ActionId));
            e.ToTable("stories");
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.ActionId).IsUnique();
            e.HasMany(s => s.Quotes).WithOne().HasForeignKey(q => q.StoryId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(s => s.Media).WithOne().HasForeignKey(m => m.StoryId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Stories.StoryQuote>(e => e.ToTable("story_quotes"));
        builder.Entity<Stories.StoryMedia>(e =>
        {
            e.ToTable("story_media");
            e.HasOne(m => m.File).WithMany().HasForeignKey(m => m.FileId).OnDelete(DeleteBehavior.Restrict);
        });
        // Import.
        builder.Entity<Import.ExternalId>(e =>
        {
            e.ToTable("external_ids");
            e.HasKey(x => new { x.System, x.Value, x.RecordType });
            e.Property(x => x.System).HasMaxLength(100);
            e.Property(x => x.Value).HasMaxLength(Import.ExternalId.MaxLength);
            e.Property(x => x.RecordType).HasMaxLength(16);
            e.HasIndex(x => new { x.RecordType, x.RecordId });
        });
        builder.Entity<Person>(e =>
        {
            e.Property(p => p.Version).IsConcurrencyToken();
            FilterByLevel(e);
            // A merged record is gone from every query; its id resolves to the survivor (Duplicates/Merging.cs).
            e.HasQueryFilter(MergedFilter, p => p.MergedIntoId == null);
            // Partial: only merged records are looked up by it, and an index over every row's NULL misleads SQLite's planner.
            e.HasIndex(p => p.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
            // The public list's name walk probes each name's person here (migration 0021): the level filter's columns, covering.
            e.HasIndex(p => new { p.Id, p.Level, p.MergedIntoId });
            e.HasMany(p => p.Names).WithOne().HasForeignKey(n => n.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Tags).WithOne().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Affiliations).WithOne().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(p => p.DisplayName);
            // The public site reads published people only (Public/PublicList.cs, migration 0012).
            e.HasIndex(p => p.Level);
        });
        builder.Entity<PersonName>(e =>
        {
            e.Property(n => n.Text).HasMaxLength(400);
            e.Property(n => n.Script).HasMaxLength(8);
            e.Property(n => n.Kind).HasMaxLength(40);
            e.Property(n => n.SearchText).HasMaxLength(400);
            e.HasIndex(n => n.SearchText);
            // The public list's name order: walked in order, joined to published people (Public/PublicList.cs, migration 0012).
            e.HasIndex(n => new { n.SortOrder, n.SearchText, n.PersonId });
        });
        builder.Entity<PersonTag>(e =>
        {
            e.HasKey(t => new { t.PersonId, t.Tag });
            // The public list gathers the people with a tag first when they are few (migration 0021).
            e.HasIndex(t => new { t.Tag, t.PersonId });
        });
        builder.Entity<Affiliation>(e => e.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict));
        builder.Entity<Designation>(e =>
        {
            e.HasQueryFilter(d => People.Any(p => p.Id == d.PersonId));
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(d => d.Organisation).WithMany().HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Organisation>(e =>
        {
            e.Property(o => o.Version).IsConcurrencyToken();
            e.HasOne<Place>().WithMany().HasForeignKey(o => o.CountryId).OnDelete(DeleteBehavior.SetNull);
            e.Ignore(o => o.Name);
        });
        builder.Entity<Place>(e =>
        {
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasOne(p => p.Parent).WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(p => p.Name);
            e.Ignore(p => p.FullName);
        });
        builder.Entity<Case>(e =>
        {
            e.Property(c => c.Version).IsConcurrencyToken();
            FilterByLevel(e);
            e.Property(c => c.Title).HasMaxLength(400);
            e.HasOne(c => c.Jurisdiction).WithMany().HasForeignKey(c => c.JurisdictionId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(c => c.Participants).WithOne(p => p.Case).HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Charges).WithOne(ch => ch.Case).HasForeignKey(ch => ch.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CaseParticipant>(e =>
        {
            e.HasQueryFilter(p => People.Any(x => x.Id == p.PersonId));
            e.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.CaseId, p.PersonId, p.Role }).IsUnique();
        });
        builder.Entity<LegalProvision>(e =>
        {
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Ignore(p => p.Label);
        });
        builder.Entity<Charge>(e =>
        {
            e.HasQueryFilter(ch => Cases.Any(c => c.Id == ch.CaseId));
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(c => c.Provision).WithMany().HasForeignKey(c => c.ProvisionId).OnDelete(DeleteBehavior.Restrict);
            // The public list's provision filter asks whether a person is charged under a provision (migration 0018): one seek.
            // Most charges name no one, so on person_id alone SQLite's statistics make the person index look useless.
            e.HasIndex(c => new { c.ProvisionId, c.PersonId });
        });
        builder.Entity<Intervention>(e =>
        {
            e.HasQueryFilter(i => (i.PersonId == null || People.Any(x => x.Id == i.PersonId)) && (i.CaseId == null || Cases.Any(x => x.Id == i.CaseId)));
            e.Property(i => i.Version).IsConcurrencyToken();
            e.HasOne<Person>().WithMany().HasForeignKey(i => i.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Case>().WithMany().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(i => i.Organisation).WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Event>(e =>
        {
            e.Property(ev => ev.Version).IsConcurrencyToken();
            FilterByLevel(e);
            e.Property(ev => ev.Date).HasField("_date");
            e.Property(ev => ev.Description).HasField("_description");
            e.HasOne(ev => ev.Case).WithMany().HasForeignKey(ev => ev.CaseId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(ev => ev.Place).WithMany().HasForeignKey(ev => ev.PlaceId).OnDelete(DeleteBehavior.SetNull);
            e.HasMany(ev => ev.People).WithOne().HasForeignKey(p => p.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(ev => ev.Actors).WithOne().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(ev => ev.SortDate);
            e.Ignore(ev => ev.Sentence);
            e.Ignore(ev => ev.HasSentence);
        });
        builder.Entity<EventPerson>(e =>
        {
            e.HasQueryFilter(p => People.Any(x => x.Id == p.PersonId));
            e.HasKey(p => new { p.EventId, p.PersonId });
            e.HasOne(p => p.Person).WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => p.PersonId);
        });
        builder.Entity<EventActor>(e =>
        {
            e.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Source>(e =>
        {
            e.Property(s => s.Version).IsConcurrencyToken();
            FilterByLevel(e);
            e.Property(s => s.Title).HasMaxLength(1000);
        });
        builder.Entity<Citation>(e =>
        {
            // Its source and what it cites must both be visible (Access/Visibility.cs): a quote about a restricted person is as
            // restricted as the person.
            e.HasQueryFilter(c => Sources.Any(x => x.Id == c.SourceId)
                && ((c.TargetType == "person" && People.Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "case" && Cases.Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "event" && Events.Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "charge" && Charges.Any(x => x.Id == c.TargetId))
                    || (c.TargetType == "designation" && Designations.Any(x => x.Id == c.TargetId))));
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasOne(c => c.Source).WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(c => new { c.TargetType, c.TargetId });
        });
        builder.Entity<VocabularyTerm>(e => e.HasKey(t => new { t.Vocabulary, t.Code }));
        builder.Entity<RecordVersion>(e =>
        {
            e.HasIndex(v => new { v.RecordType, v.RecordId, v.Version }).IsUnique();
            e.HasIndex(v => v.RecordId);
        });
        builder.Entity<PartVersion>(e =>
        {
            e.HasIndex(v => new { v.RecordType, v.RecordId, v.Part, v.Version }).IsUnique();
            e.Property(v => v.RecordType).HasMaxLength(40);
            e.Property(v => v.Part).HasMaxLength(20);
        });
        builder.Entity<Audit.AuditEntry>(e =>
        {
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.HasIndex(a => new { a.RecordType, a.RecordId });
        });
        builder.Entity<Audit.AuditHead>(e =>
        {
            e.HasKey(h => h.TreeSize);
            e.Property(h => h.TreeSize).ValueGeneratedNever();
        });
        builder.Entity<CustodyPeriod>(e =>
        {
            e.HasQueryFilter(p => People.Any(x => x.Id == p.PersonId));
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.PersonId, p.Sequence }).IsUnique();
            e.HasIndex(p => new { p.FromDay, p.ToDay });
            // Statistics (migration 0014): the daily sweep's GROUP BYs of starts and ends among detention periods, read
            // from the indexes alone, in day order (SQLite cannot seek on a bare boolean column, so the day leads).
            e.HasIndex(p => new { p.FromDay, p.DeprivedOfLiberty, p.ToDay });
            e.HasIndex(p => new { p.ToDay, p.DeprivedOfLiberty });
        });
        builder.Entity<Jobs.ScheduledJob>(e =>
        {
            e.HasKey(j => j.Name);
            e.Property(j => j.Name).HasMaxLength(100);
        });
        builder.Entity<Confidential.DataProtectionKeyRow>(e =>
        {
            e.ToTable("data_protection_keys");
            e.HasKey(k => k.Name);
            e.Property(k => k.Name).HasMaxLength(100);
        });
        builder.Entity<Api.IdempotencyRecord>(e =>
        {
            e.HasKey(r => new { r.Owner, r.Key });
            e.Property(r => r.Owner).HasMaxLength(450);
            e.Property(r => r.Key).HasMaxLength(Api.Idempotency.MaxKeyLength);
            e.Property(r => r.Method).HasMaxLength(10);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.HasIndex(r => r.CreatedAt);
        });
        builder.Entity<Security.UsedFormStamp>(e =>
        {
            e.ToTable("used_form_stamps");
            e.HasKey(s => s.Nonce);
            e.Property(s => s.Nonce).HasMaxLength(32);
            e.HasIndex(s => s.UsedAt);
        });
        builder.Entity<PublishedCustodyPeriod>(e =>
        {
            e.HasQueryFilter(p => People.Any(x => x.Id == p.PersonId));
            e.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(p => new { p.PersonId, p.Sequence }).IsUnique();
            e.HasIndex(p => new { p.FromDay, p.ToDay });
            // The public list by first detention (migration 0018): detention periods walked in day order, ties by person, a page at a time.
            e.HasIndex(p => new { p.FromDay, p.PersonId }).HasFilter("deprived_of_liberty");
            // The public list gathers the people in a status on a day first when they are few (migration 0021).
            e.HasIndex(p => new { p.Status, p.FromDay, p.ToDay, p.PersonId });
        });
        builder.Entity<CustodyDayChange>(e =>
        {
            // Statistics (migration 0018): the detention periods' starts and ends per day, per timeline.
            e.HasKey(c => new { c.Edition, c.Day });
            e.Property(c => c.Edition).HasMaxLength(20);
        });

        ApplySnakeCaseNames(builder);
    }

    private static void ConfigureSupportersAndMail(ModelBuilder builder)
    {
        builder.Entity<Supporters.Supporter>(e =>
        {
            e.ToTable("supporters");
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Email).HasMaxLength(320);
            e.Property(s => s.Country).HasMaxLength(2);
            e.Property(s => s.Group).HasMaxLength(200);
            e.Property(s => s.Language).HasMaxLength(8);
            e.Property(s => s.Status).HasMaxLength(16);
            e.Property(s => s.ConsentVersion).HasMaxLength(40);
            e.HasIndex(s => s.Email).IsUnique();
            e.HasMany(s => s.Follows).WithOne().HasForeignKey(f => f.SupporterId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(s => s.ConcernList);
            e.Ignore(s => s.RegionList);
        });
        builder.Entity<Supporters.SupporterAction>(e =>
        {
            e.ToTable("supporter_actions");
            e.HasKey(f => new { f.SupporterId, f.ActionId });
            e.HasOne<Campaigns.CampaignAction>().WithMany().HasForeignKey(f => f.ActionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(f => f.ActionId);
        });
        builder.Entity<Supporters.SupporterToken>(e =>
        {
            e.ToTable("supporter_tokens");
            e.HasKey(t => t.Hash);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Purpose).HasMaxLength(16);
            e.HasOne<Supporters.Supporter>().WithMany().HasForeignKey(t => t.SupporterId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(t => t.SupporterId);
        });
        builder.Entity<Mail.OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.Property(m => m.MessageId).HasMaxLength(100);
            e.Property(m => m.ToAddress).HasMaxLength(320);
            e.Property(m => m.Language).HasMaxLength(8);
            e.Property(m => m.Kind).HasMaxLength(40);
            e.Property(m => m.Status).HasMaxLength(16);
            e.Property(m => m.LastError).HasMaxLength(500);
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => new { m.Status, m.NextAttemptAt });
            // A supporter who leaves takes their mail with them, sent or not (it holds their name and address).
            e.HasOne<Supporters.Supporter>().WithMany().HasForeignKey(m => m.SupporterId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.ClaimedBy);
        });
        // Outreach keeps its counts when a supporter leaves: the id is set to null in the same transaction (SupporterDeletion).
        builder.Entity<Campaigns.Outreach>(e => e.HasIndex(o => o.SupporterId));
    }

    /// <summary>The names of the query filters, for IgnoreQueryFilters([…]) where one of them must be set aside.</summary>
    public const string LevelFilter = "level";
    public const string MergedFilter = "merged";
    public const string ActionFilter = "action";

    /// <summary>Deny by default at the storage layer: a record the viewer may not see is absent from every query.</summary>
    private void FilterByLevel<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> entity) where T : class, Access.IHasLevel
    {
        entity.Property(r => r.Level).HasMaxLength(16);
        entity.HasQueryFilter(LevelFilter, r => r.Level == Access.RecordLevels.Public || (ViewerSignedIn && (r.Level == Access.RecordLevels.Internal || ViewerSeesAllRestricted
            || RecordGrants.Any(g => g.RecordId == r.Id && (g.UserId == ViewerUserId || TeamMembers.Any(m => m.TeamId == g.TeamId && m.UserId == ViewerUserId))))));
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving writes history and derived data asynchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (CopyingAsIs)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        ChangeTracker.DetectChanges();
        await MarkOwnersOfChangedPartsAsync(cancellationToken);
        var custodyPeople = await PeopleWhoseEventsChangedAsync(cancellationToken);

        var now = time.GetUtcNow();
        CheckLevelChanges();
        await CheckPublishedActionsAsync(cancellationToken);
        var changed = new List<(IVersioned Record, string Change)>();
        foreach (var entry in ChangeTracker.Entries<IVersioned>().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added when Importing:
                    changed.Add((entry.Entity, "imported"));
                    break;
                case EntityState.Added:
                    StampCreated(entry.Entity, entry.Metadata, now);
                    changed.Add((entry.Entity, "created"));
                    break;
                case EntityState.Modified:
                    var original = entry.Property(e => e.Version).OriginalValue;
                    entry.Entity.Version = original + 1;
                    SetTimestamp(entry, "UpdatedAt", now);
                    changed.Add((entry.Entity, "updated"));
                    break;
                case EntityState.Deleted:
                    await LoadPartsAsync(entry, cancellationToken);
                    changed.Add((entry.Entity, "deleted"));
                    break;
            }
        }

        if (changed.Count == 0 && custodyPeople.Count == 0 && _pendingAudit.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (Database.CurrentTransaction is null)
            {
                RunAfterCommit();
            }
            return saved;
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var deletedSnapshots = changed.Where(c => c.Change == "deleted")
                .ToDictionary(c => c.Record, c => JsonSerializer.Serialize(c.Record.Snapshot(), SnapshotJson));
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            var audited = new List<Audit.AuditLog.Change>();
            foreach (var (record, change) in changed)
            {
                if (change != "deleted")
                {
                    await LoadPartsAsync(Entry(record), cancellationToken);
                }
                var data = deletedSnapshots.TryGetValue(record, out var deleted) ? deleted : SnapshotText(record);
                var before = change is "created" or "imported" ? null : await RecordVersions.AsNoTracking()
                    .Where(v => v.RecordType == record.RecordType && v.RecordId == record.Id)
                    .OrderByDescending(v => v.Version).Select(v => v.Data).FirstOrDefaultAsync(cancellationToken);
                RecordVersions.Add(NewVersion(record, change, now, data));
                audited.Add(new Audit.AuditLog.Change(change, record.RecordType, record.Id, before, change == "deleted" ? null : data));
            }
            await Search.SearchIndexing.UpdateAsync(this, changed, cancellationToken);
            audited.AddRange(_pendingAudit);
            await Audit.AuditLog.AppendAsync(this, audited, now, Actor, cancellationToken);
            await RebuildCustodyAsync(custodyPeople, cancellationToken);
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
                RunAfterCommit();
            }
            _pendingAudit.Clear();
            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Publishing (making a record public) and unpublishing are for coordinators and administrators. Whoever makes a
    /// record restricted is named on it, so they keep seeing what they restricted.
    /// </summary>
    private void CheckLevelChanges()
    {
        foreach (var entry in ChangeTracker.Entries<Access.IHasLevel>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            CheckLevel(entry.Entity, entry.State == EntityState.Added ? null : entry.Property(e => e.Level).OriginalValue);
        }
    }

    /// <summary>The rule of <see cref="CheckLevelChanges"/> for one record whose level was <paramref name="before"/>
    /// (null for a new record); the import's bulk writer calls it for each record it creates.</summary>
    internal void CheckLevel(Access.IHasLevel record, string? before)
    {
        var level = record.Level;
        if (level == before)
        {
            return;
        }
        if (!Access.RecordLevels.IsValid(level))
        {
            throw new Access.AccessDeniedException($"'{level}' is not a record level; use one of: {string.Join(", ", Access.RecordLevels.All)}.");
        }
        if ((level == Access.RecordLevels.Public || before == Access.RecordLevels.Public) && !Viewer.MayPublish)
        {
            throw new Access.AccessDeniedException("Only coordinators and administrators publish records or take them off the public site.");
        }
        if (level == Access.RecordLevels.Restricted && Viewer is { UserId: { } userId, SeesAllRestricted: false })
        {
            var recordType = ((IVersioned)record).RecordType;
            var recordId = record.Id;
            if (!RecordGrants.Local.Any(g => g.RecordId == recordId && g.UserId == userId))
            {
                RecordGrants.Add(new Access.RecordGrant { RecordType = recordType, RecordId = recordId, UserId = userId, CreatedAt = time.GetUtcNow(), CreatedBy = Actor });
            }
        }
    }

    /// <summary>A new record's first version: version 1, created and updated now (for the types that keep those times).</summary>
    internal static void StampCreated(IVersioned record, Microsoft.EntityFrameworkCore.Metadata.IEntityType type, DateTimeOffset now)
    {
        record.Version = 1;
        foreach (var name in (string[])["CreatedAt", "UpdatedAt"])
        {
            if (type.FindProperty(name)?.PropertyInfo is { } property)
            {
                property.SetValue(record, now);
            }
        }
    }

    /// <summary>The JSON kept in history for the record as it is now (its parts loaded).</summary>
    internal static string SnapshotText(IVersioned record) => JsonSerializer.Serialize(record.Snapshot(), SnapshotJson);

    /// <summary>The history row of a change (for a deletion, the version after the last one).</summary>
    internal RecordVersion NewVersion(IVersioned record, string change, DateTimeOffset now, string data) => new()
    {
        RecordType = record.RecordType,
        RecordId = record.Id,
        Version = record.Version + (change == "deleted" ? 1 : 0),
        Change = change,
        ChangedAt = now,
        ChangedBy = Actor,
        Data = data,
    };

    /// <summary>Putting an action on the public site, or taking it off, is publishing: coordinators and administrators only.</summary>
    private async Task CheckPublishedActionsAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in ChangeTracker.Entries<Campaigns.CampaignAction>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
        {
            var before = entry.State == EntityState.Added ? false : entry.Property(a => a.Public).OriginalValue;
            if (entry.Entity.Public != before && !Viewer.MayPublish)
            {
                throw new Access.AccessDeniedException("Only coordinators and administrators put actions on the public site or take them off it.");
            }
            // Whoever sees every restricted record (administrators, the operator, a directory import) sees every case.
            if (entry.Entity.Public && !before && !Viewer.SeesAllRestricted)
            {
                // Publishing is for someone who may see every case of the action (its text names the people of those cases).
                var id = entry.Entity.Id;
                var cases = entry.Entity.Cases.Select(c => c.CaseId)
                    .Union(await Set<Campaigns.ActionCase>().AsNoTracking().Where(c => c.ActionId == id).Select(c => c.CaseId).ToListAsync(cancellationToken)).ToList();
                if (await Cases.CountAsync(c => cases.Contains(c.Id), cancellationToken) != cases.Count)
                {
                    throw new Access.AccessDeniedException("Only someone who may see every case of an action puts it on the public site.");
                }
            }
        }
    }

    /// <summary>
    /// Rebuilds the stored custody periods of these people from their events: the shared timeline (every event but
    /// restricted ones, whoever saves; a reader who may see restricted events gets them counted on the person's own
    /// page, where PersonProfile builds from what it shows) and, for a public person, the public timeline from their
    /// public events only.
    /// </summary>
    public async Task RebuildCustodyAsync(IReadOnlyCollection<Guid> personIds, CancellationToken cancellationToken = default)
    {
        foreach (var personId in personIds)
        {
            var events = await EventPeople.IgnoreQueryFilters().Where(ep => ep.PersonId == personId)
                .Join(Events.IgnoreQueryFilters().Where(e => e.Level != Access.RecordLevels.Restricted), ep => ep.EventId, e => e.Id, (_, e) => e)
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            var published = await People.IgnoreQueryFilters()
                .AnyAsync(p => p.Id == personId && p.Level == Access.RecordLevels.Public && p.MergedIntoId == null, cancellationToken);
            var (shared, publicCopy) = StoredPeriods(personId, events, published);
            await ReplacePeriodsAsync(personId, shared, cancellationToken);
            await ReplacePeriodsAsync(personId, publicCopy, cancellationToken);
        }
    }

    /// <summary>Replaces a person's stored periods in one timeline, and its day changes by the difference (same transaction).</summary>
    private async Task ReplacePeriodsAsync<T>(Guid personId, List<T> periods, CancellationToken cancellationToken) where T : StoredCustodyPeriod
    {
        var stored = Set<T>().IgnoreQueryFilters().Where(p => p.PersonId == personId);
        var before = (await stored.Where(p => p.DeprivedOfLiberty).Select(p => new { p.FromDay, p.ToDay }).ToListAsync(cancellationToken))
            .Select(p => (p.FromDay, p.ToDay)).ToList();
        await stored.ExecuteDeleteAsync(cancellationToken);
        Set<T>().AddRange(periods);
        await Custody.CustodyDayChanges.ApplyAsync(this, Custody.CustodyDayChanges.Edition<T>(), before,
            periods.Where(p => p.DeprivedOfLiberty).Select(p => (p.FromDay, p.ToDay)), cancellationToken);
    }

    /// <summary>The stored custody periods of one person from their events: the shared timeline (restricted events left
    /// out) and, when the person is <paramref name="published"/> (public, not merged), the public timeline from their
    /// public events only. RebuildCustodyAsync and the import's bulk writer both store these.</summary>
    internal static (List<CustodyPeriod> Shared, List<PublishedCustodyPeriod> Published) StoredPeriods(Guid personId, IEnumerable<Event> events, bool published)
    {
        var counted = events.Where(e => e.Level != Access.RecordLevels.Restricted).ToList();
        return (Periods<CustodyPeriod>(personId, counted).ToList(),
            published ? Periods<PublishedCustodyPeriod>(personId, counted.Where(e => e.Level == Access.RecordLevels.Public)).ToList() : []);
    }

    private static IEnumerable<T> Periods<T>(Guid personId, IEnumerable<Event> events) where T : StoredCustodyPeriod, new()
    {
        var timeline = CustodyTimelineBuilder.Build(
            events.OrderBy(e => e.SortDate).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(e => e.ToCustodyEvent()));
        var sequence = 0;
        foreach (var interval in timeline.Intervals)
        {
            yield return new T
            {
                PersonId = personId,
                Sequence = sequence++,
                Status = CustodyStatuses.Code(interval.Status),
                DeprivedOfLiberty = CustodyStatuses.IsDeprivedOfLiberty(interval.Status),
                FromDay = interval.FromDay,
                ToDay = interval.ToDay,
                FromDate = interval.From.ToString(),
                ToDate = interval.To?.ToString(),
                Presumed = interval.Presumed,
            };
        }
    }

    private static void SetTimestamp(EntityEntry entry, string property, DateTimeOffset now)
    {
        if (entry.Metadata.FindProperty(property) is not null)
        {
            entry.Property(property).CurrentValue = now;
        }
    }

    /// <summary>History keeps the whole record, including parts the saving user may not see.</summary>
    private async Task LoadPartsAsync(EntityEntry entry, CancellationToken cancellationToken)
    {
        var viewer = _viewer;
        _viewer = Access.Viewer.System;
        try
        {
            await LoadAllPartsAsync(entry, cancellationToken);
        }
        finally
        {
            _viewer = viewer;
        }
    }

    private static async Task LoadAllPartsAsync(EntityEntry entry, CancellationToken cancellationToken)
    {
        foreach (var collection in entry.Collections)
        {
            if (!collection.IsLoaded && entry.State != EntityState.Added)
            {
                await collection.LoadAsync(cancellationToken);
            }
        }
    }

    /// <summary>A changed name, tag, participant or event person makes a new version of its record.</summary>
    private async Task MarkOwnersOfChangedPartsAsync(CancellationToken cancellationToken)
    {
        var parts = ChangeTracker.Entries<IRecordPart>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => e.Entity)
            .ToList();
        if (parts.Count == 0)
        {
            return;
        }
        // Looked up once: ChangeTracker.Entries detects changes at each call, which made this quadratic in what is tracked.
        var tracked = ChangeTracker.Entries<IVersioned>().ToDictionary(e => (e.Entity.GetType(), e.Entity.Id), e => e.Entity);
        foreach (var part in parts)
        {
            var owner = tracked.GetValueOrDefault((part.OwnerType, part.OwnerId))
                ?? await FindAsync(part.OwnerType, [part.OwnerId], cancellationToken) as IVersioned;
            if (owner is not null && Entry(owner) is { State: EntityState.Unchanged } entry)
            {
                entry.Property(nameof(IVersioned.Version)).IsModified = true;
            }
        }
    }

    private async Task<HashSet<Guid>> PeopleWhoseEventsChangedAsync(CancellationToken cancellationToken)
    {
        var people = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries<Event>().Where(e => e.State is EntityState.Modified or EntityState.Deleted or EntityState.Added).ToList())
        {
            if (entry.State != EntityState.Added)
            {
                await LoadPartsAsync(entry, cancellationToken);
            }
            people.UnionWith(entry.Entity.People.Select(p => p.PersonId));
        }
        foreach (var entry in ChangeTracker.Entries<EventPerson>().Where(e => e.State is EntityState.Added or EntityState.Deleted or EntityState.Modified))
        {
            people.Add(entry.Entity.PersonId);
        }
        // Publishing a person, taking them off the public site, or merging them changes their public timeline.
        foreach (var entry in ChangeTracker.Entries<Person>().Where(e => e.State == EntityState.Modified
            && (e.Property(p => p.Level).IsModified || e.Property(p => p.MergedIntoId).IsModified)))
        {
            people.Add(entry.Entity.Id);
        }
        return people;
    }

    private static void ApplySnakeCaseNames(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                if (property.Name == "Id" && property.ClrType == typeof(Guid))
                {
                    // Ids are made in code (version 7 GUIDs), so a new row reached through a navigation is an insert.
                    property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
                }
            }
            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }
            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }
        }
    }

    internal static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
