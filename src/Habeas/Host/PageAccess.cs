using Habeas.Platform.Access;
using Habeas.Platform.Accounts;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Habeas.Host;

/// <summary>
/// Who may open each page: the one table. Every page needs a signed-in reader (<see cref="Policies.Read"/>); a row
/// adds a policy to a page or a folder (both must hold), or opens it to anyone. Pages are named by their model type, so
/// a renamed or moved page cannot silently drop out of the table (a test also checks that every row names a page).
/// The API declares its policies beside each endpoint group and operation (RequireAuthorization in each *Api.cs).
/// </summary>
public static class PageAccess
{
    /// <summary>A page (its model type) or every page of a folder (the namespace of one of its models).</summary>
    public sealed record Rule(Type Model, bool WholeFolder, string? Policy)
    {
        public string Path => WholeFolder ? FolderPath(Model) : PagePath(Model);
        public bool Anonymous => Policy is null;
    }

    public static readonly IReadOnlyList<Rule> Rules =
    [
        // Records: reading needs a signed-in role; these pages change the record.
        Page<Records.People.EditModel>(Policies.Write),
        Page<Records.Cases.EditModel>(Policies.Write),
        Page<Records.Cases.ChargeModel>(Policies.Write),
        Page<Records.Cases.InterventionEditModel>(Policies.Write),
        Page<Records.Events.EditModel>(Policies.Write),
        Page<Records.Events.StateModel>(Policies.Write),
        Page<Records.Sources.EditModel>(Policies.Write),
        Page<Records.Sources.CiteModel>(Policies.Write),
        Page<Records.Files.IndexModel>(Policies.Write),
        Page<Records.Places.EditModel>(Policies.Write),
        Page<Records.Organisations.EditModel>(Policies.Write),
        Page<Records.People.DesignationEditModel>(Policies.Write),
        Page<Records.People.EraseModel>(Policies.Administer),
        Page<Records.People.AffiliationEditModel>(Policies.Write),
        Page<Records.Duplicates.IndexModel>(Policies.Write),
        // The legal time limits the deadlines are worked out from: the administrators' (/admin/time-limits).
        Page<Records.Deadlines.LimitsModel>(Policies.Administer),
        Page<Records.Deadlines.LimitsEditModel>(Policies.Administer),
        Page<Records.Duplicates.CompareModel>(Policies.Write),
        Page<Platform.Access.IndexModel>(Policies.Write),
        Page<Platform.Confidential.IndexModel>(AccessSetup.ConfidentialPolicy),
        // Retraction: the page checks the policy of the kind retracted (whoever may edit it); coordinators restore.
        Page<Platform.Retraction.IndexModel>(Policies.Coordinate),
        // Campaigns: the campaign's own pages; the action pages supporters open are anonymous.
        Page<Campaigns.Actions.EditModel>(Policies.Campaign),
        Page<Campaigns.Actions.TargetModel>(Policies.Campaign),
        Page<Campaigns.Actions.IssueModel>(Policies.Campaign),
        Page<Campaigns.Actions.UpdateModel>(Policies.Campaign),
        Page<Campaigns.Actions.OutreachModel>(Policies.Campaign),
        Page<Campaigns.Actions.CloseModel>(Policies.Campaign),
        Page<Campaigns.Actions.PublishModel>(Policies.Campaign),
        Folder<Campaigns.Letters.EditModel>(Policies.Campaign),
        Folder<Campaigns.Cards.IndexModel>(Policies.Campaign),
        Page<Campaigns.Replies.IndexModel>(Policies.Campaign),
        Page<Campaigns.Stories.EditModel>(Policies.Campaign),
        Page<Campaigns.Supporters.IndexModel>(Policies.Campaign),
        AnyoneFolder<Campaigns.Act.IndexModel>(),
        Anyone<Campaigns.Stories.IndexModel>(),
        Anyone<Campaigns.Stories.PublicModel>(),
        Anyone<Campaigns.Supporters.JoinModel>(),
        Anyone<Campaigns.Supporters.ConfirmModel>(),
        Anyone<Campaigns.Supporters.MeModel>(),
        Anyone<Campaigns.Supporters.ExportModel>(),
        // Publishing: import is the coordinators'; the public site, public figures and public dossiers are anyone's.
        Folder<Publishing.Import.IndexModel>(Policies.Import),
        Folder<Publishing.Publication.PublishModel>(Policies.Publish),
        AnyoneFolder<Publishing.Public.IndexModel>(),
        Anyone<Publishing.Statistics.PublicModel>(),
        Anyone<Publishing.Statistics.PublicRecordsModel>(),
        Anyone<Publishing.Dossiers.PublicModel>(),
        // Platform: administration; signing in; the language switch, the error and status pages.
        Folder<Platform.Admin.UsersModel>(Policies.Administer),
        Folder<Platform.Mail.IndexModel>(Policies.Administer),
        Anyone<Platform.Accounts.LoginModel>(),
        Anyone<Platform.Accounts.LoginTwoFactorModel>(),
        Anyone<Platform.Accounts.SetupModel>(),
        Anyone<Platform.Accounts.SetPasswordModel>(),
        Anyone<Platform.Shared.LanguageModel>(),
        Anyone<Platform.Shared.ErrorModel>(),
        Anyone<Platform.Shared.StatusModel>(),
        // The start page: staff see their start page; anyone else is sent to the public site (Host/Index.cshtml.cs).
        Anyone<Host.IndexModel>(),
    ];

    /// <summary>Applies the table to the pages' conventions.</summary>
    public static void Apply(PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/", Policies.Read);
        foreach (var rule in Rules)
        {
            _ = (rule.WholeFolder, rule.Policy) switch
            {
                (true, null) => conventions.AllowAnonymousToFolder(rule.Path),
                (false, null) => conventions.AllowAnonymousToPage(rule.Path),
                (true, { } policy) => conventions.AuthorizeFolder(rule.Path, policy),
                (false, { } policy) => conventions.AuthorizePage(rule.Path, policy),
            };
        }
    }

    /// <summary>
    /// The policies a reader must pass to open the page of <paramref name="model"/>, from this table: signed-in reading,
    /// then the rows of its page and folders; null when a row opens it to anyone. <see cref="PageGate"/> asks them, so a
    /// link to a page is shown only to those the page would let in.
    /// </summary>
    public static IReadOnlyList<string>? PoliciesOf(Type model)
    {
        var path = PagePath(model);
        var rules = Rules.Where(r => r.WholeFolder ? path.StartsWith(r.Path + "/", StringComparison.Ordinal) : r.Path == path).ToList();
        return rules.Any(r => r.Anonymous) ? null : [Policies.Read, .. rules.Select(r => r.Policy!)];
    }

    /// <summary>The page path of a page model: its namespace as folders, its name without "Model".</summary>
    public static string PagePath(Type model) => FolderPath(model) + "/" + model.Name[..^"Model".Length];

    private static string FolderPath(Type model) => "/" + model.Namespace!["Habeas.".Length..].Replace('.', '/');

    private static Rule Page<TModel>(string policy) => new(typeof(TModel), false, policy);

    private static Rule Folder<TModel>(string policy) => new(typeof(TModel), true, policy);

    private static Rule Anyone<TModel>() => new(typeof(TModel), false, null);

    private static Rule AnyoneFolder<TModel>() => new(typeof(TModel), true, null);
}
