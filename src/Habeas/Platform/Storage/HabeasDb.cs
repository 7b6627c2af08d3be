using Habeas.Core.Dates;
using Habeas.Platform.History;
using Habeas.Platform.Shared;
using Habeas.Platform.Vocabulary;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Habeas.Platform.Storage;

/// <summary>
/// The one database context: the sets of the platform's tables, and the save. Each feature declares the sets of its
/// own entities beside them (extension properties: <c>db.People</c> comes from People/PeopleMapping.cs), so storage
/// names no feature. The mapping of each entity lives beside it (its
/// <see cref="EntityMapping{T}"/>); what every save writes beside the change (history, search entry, audit entry,
/// custody) is the one write path, <see cref="RecordSaving"/>. Who reads comes from the scope's
/// <see cref="Access.CurrentViewer"/> unless <see cref="Viewer"/> is set on the context.
/// </summary>
public sealed class HabeasDb(DbContextOptions<HabeasDb> options, TimeProvider time, Access.CurrentViewer? current = null)
    : IdentityDbContext<Accounts.HabeasUser>(options)
{
    public DbSet<VocabularyTerm> VocabularyTerms => Set<VocabularyTerm>();
    public DbSet<RecordVersion> RecordVersions => Set<RecordVersion>();
    public DbSet<PartVersion> PartVersions => Set<PartVersion>();
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

    /// <summary>Who is making the changes saved by this context (recorded in history and the audit log): set by
    /// command-line verbs, else the signed-in user of the scope.</summary>
    public string? Actor
    {
        get => _actor ?? current?.Actor;
        set => _actor = value;
    }

    private string? _actor;

    /// <summary>
    /// Who is reading: every query on people, cases, events, sources and what hangs from them is filtered by it (see
    /// <see cref="Access.RecordLevels"/>). The scope's viewer (the signed-in user of a request) unless set on this
    /// context; with neither, anonymous (published records only).
    /// </summary>
    public Access.Viewer Viewer
    {
        get => _viewer ?? current?.Viewer ?? Access.Viewer.Anonymous;
        set => _viewer = value;
    }

    private Access.Viewer? _viewer;

    // Read by the query filters at each query (EF Core parameterises context members).
    internal bool ViewerSignedIn => Viewer.SignedIn;
    internal bool ViewerSeesAllRestricted => Viewer.SeesAllRestricted;
    internal string? ViewerUserId => Viewer.UserId;

    /// <summary>Runs <paramref name="work"/> as the system (history loads parts the saving user may not see).</summary>
    internal async Task AsSystemAsync(Func<Task> work)
    {
        var viewer = _viewer;
        _viewer = Access.Viewer.System;
        try
        {
            await work();
        }
        finally
        {
            _viewer = viewer;
        }
    }

    /// <summary>Export/DirectoryImport.cs: records taken back from an export keep their version and timestamps, and their
    /// history in this installation starts with an "imported" version.</summary>
    public bool Importing { get; set; }

    /// <summary>Storage/DatabaseCopy.cs (migrate-to): every row, history and audit log included, written as it is in the
    /// source, so nothing is added (no version, no audit entry, no derived row).</summary>
    public bool CopyingAsIs { get; set; }

    /// <summary>Audit entries that are not a record change, written by the next save.</summary>
    internal List<Audit.AuditLog.Change> PendingAudit { get; } = [];

    /// <summary>Drops every change not saved and the audit entries waiting for them: after a refused save, nothing of it
    /// is written later.</summary>
    public void ForgetUnsaved()
    {
        ChangeTracker.Clear();
        PendingAudit.Clear();
    }

    /// <summary>Adds an audit entry that is not a record change (a sign-in, a permission change, an export, a read of
    /// confidential data); it is written by the next save, in the same transaction as whatever that save writes.</summary>
    public void LogAction(
        string action,
        string recordType,
        Guid recordId,
        IReadOnlyDictionary<string, string?[]>? changes = null,
        IReadOnlyDictionary<string, string?>? details = null
    ) => PendingAudit.Add(new Audit.AuditLog.Change(action, recordType, recordId, null, null, changes, details));

    private readonly List<Action> _afterCommit = [];

    /// <summary>Runs once the next save has committed (the mail worker is woken so).</summary>
    public void AfterCommit(Action action) => _afterCommit.Add(action);

    /// <summary>Commits a transaction begun on this context, then runs what waited for the commit.</summary>
    public async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
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

    internal void RunAfterCommit()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }

    /// <summary>The names of the query filters, for IgnoreQueryFilters([…]) where one of them must be set aside.</summary>
    public const string LevelFilter = "level";
    public const string MergedFilter = "merged";
    public const string ActionFilter = "action";
    public const string RetractedFilter = "retracted";

    /// <summary>The prefix of the names given to a mapping's filters that it leaves unnamed.</summary>
    public const string VisibilityFilter = "visibility";

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
        EntityMappings.ApplyAll(builder, this);
        SnakeCaseNames.Apply(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving writes history and derived data asynchronously.");

    /// <summary>Saves the changes and, in the same transaction, what the one write path writes beside them (<see
    /// cref="RecordSaving"/>).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        CopyingAsIs
            ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken)
            : new RecordSaving(this).SaveAsync(acceptAllChangesOnSuccess, cancellationToken);

    /// <summary>The change tracker's rows alone, for <see cref="RecordSaving"/>.</summary>
    internal Task<int> WriteTrackedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken) =>
        base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
}
