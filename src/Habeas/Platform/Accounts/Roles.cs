namespace Habeas.Platform.Accounts;

/// <summary>
/// The roles and what each may do (docs/permissions.md has the table). Every signed-in role may read the
/// record; administrators, coordinators and monitors may change it. Anonymous visitors see only the sign-in
/// page, /health and (later) published pages.
/// </summary>
public static class Roles
{
    public const string Administrator = "administrator";
    public const string Coordinator = "coordinator";
    public const string Monitor = "monitor";
    public const string Campaigner = "campaigner";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, Monitor, Campaigner, Viewer];

    /// <summary>Roles that may create and edit people, cases, events, sources and citations.</summary>
    public static readonly IReadOnlyList<string> RecordEditors = [Administrator, Coordinator, Monitor];

    /// <summary>Roles that run campaigns: create and issue actions, add targets and updates, record outreach, close with an
    /// outcome.</summary>
    public static readonly IReadOnlyList<string> Campaigners = [Administrator, Coordinator, Campaigner];

    /// <summary>Roles that change records or run campaigns: everyone but viewers (Policies.Contribute).</summary>
    public static readonly IReadOnlyList<string> Contributors = [Administrator, Coordinator, Monitor, Campaigner];

    /// <summary>Roles that import files (Import/): coordinators and administrators, who review and publish.</summary>
    public static readonly IReadOnlyList<string> Importers = [Administrator, Coordinator];

    /// <summary>Roles that restore retracted records (Retraction/): coordinators and administrators.</summary>
    public static readonly IReadOnlyList<string> Coordinators = [Administrator, Coordinator];

    /// <summary>Roles that publish records or take them off the public site (the same as <c>Viewer.MayPublish</c>).</summary>
    public static readonly IReadOnlyList<string> Publishers = [Administrator, Coordinator];
}

/// <summary>The authorization policies every page and endpoint names.</summary>
public static class Policies
{
    /// <summary>Signed in with any role: read the record.</summary>
    public const string Read = "read";

    /// <summary>Change the record.</summary>
    public const string Write = "write";

    /// <summary>Run campaigns (Roles.Campaigners).</summary>
    public const string Campaign = "campaign";

    /// <summary>Administrators only: accounts, teams, the audit browser and its proofs.</summary>
    public const string Administer = "administer";

    /// <summary>Import files of people, events and sources (Roles.Importers): a whole batch at once, possibly published records.</summary>
    public const string Import = "import";

    /// <summary>Record editors and campaigners: the gate of a change either may make, the record deciding which of them
    /// (a file on a source is a monitor's to retract, a file on an action a campaigner's: RetractionRule.PolicyOf).</summary>
    public const string Contribute = "contribute";

    /// <summary>Coordinators and administrators: restore retracted records (Roles.Coordinators).</summary>
    public const string Coordinate = "coordinate";

    /// <summary>Publish a case and its records in one step, or take them off the public site (Roles.Publishers).</summary>
    public const string Publish = "publish";
}
