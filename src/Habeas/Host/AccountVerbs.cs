using System.CommandLine;
using Habeas.Platform.Accounts;
using Habeas.Platform.Storage;
using Microsoft.AspNetCore.Identity;

namespace Habeas.Host;

/// <summary>users add | users reset | users disable | tokens create: accounts from the command line, with the same rules as the
/// pages.</summary>
public static class AccountVerbs
{
    public static IEnumerable<Command> Commands(Option<string?> data, Option<string?> database)
    {
        var email = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var displayName = new Option<string?>("--name") { Description = "The person's name, shown beside the email." };
        var passwordStdin = new Option<bool>("--password-stdin")
        {
            Description =
                "Read a password from standard input instead of printing an invitation link; the account must change it at its first sign-in.",
        };
        var add = new Command(
            "add",
            "Create an account and print a one-time invitation link with which its owner sets their password (valid 72 hours)."
        )
        {
            email,
            role,
            displayName,
            passwordStdin,
            data,
            database,
        };
        add.SetAction(
            async (result, cancellationToken) =>
            {
                await using var host = await OpenAsync(result, data, database, cancellationToken);
                using var scope = host.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>();
                var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
                db.Actor = "command line";
                if (result.GetValue(passwordStdin))
                {
                    var password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
                    var (user, errors) = await UserAccounts.CreateAsync(
                        users,
                        result.GetValue(email),
                        password,
                        result.GetValue(role)!,
                        TimeProvider.System
                    );
                    if (user is null)
                    {
                        await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, errors));
                        return 1;
                    }
                    user.MustChangePassword = true; // someone other than its owner chose it
                    user.DisplayName = result.GetValue(displayName)?.Trim();
                    await users.UpdateAsync(user);
                    Console.WriteLine(
                        $"Created {user.Email} as {result.GetValue(role)}; the password must be changed at the first sign-in."
                    );
                    return 0;
                }
                var (invited, secret, refused) = await Habeas.Platform.Admin.AccountChanges.InviteAsync(
                    db,
                    users,
                    result.GetValue(email),
                    result.GetValue(displayName),
                    result.GetValue(role)!,
                    TimeProvider.System,
                    cancellationToken
                );
                if (invited is null)
                {
                    await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, refused));
                    return 1;
                }
                Console.WriteLine(
                    $"Created {invited.Email} as {result.GetValue(role)}. Give this link to its owner by a safe channel; it works once, for 72 hours:"
                );
                Console.WriteLine(LinkUrl(scope.ServiceProvider, secret!));
                return 0;
            }
        );
        var resetEmail = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var reset = new Command("reset", "Print a one-time link with which the account's owner sets a new password (valid 72 hours).")
        {
            resetEmail,
            data,
            database,
        };
        reset.SetAction(
            async (result, cancellationToken) =>
            {
                await using var host = await OpenAsync(result, data, database, cancellationToken);
                using var scope = host.Services.CreateScope();
                var user = await scope
                    .ServiceProvider.GetRequiredService<UserManager<HabeasUser>>()
                    .FindByEmailAsync(result.GetValue(resetEmail)!);
                if (user is null)
                {
                    await Console.Error.WriteLineAsync($"There is no account {result.GetValue(resetEmail)}.");
                    return 1;
                }
                var db = scope.ServiceProvider.GetRequiredService<HabeasDb>();
                db.Actor = "command line";
                var secret = await Habeas.Platform.Admin.AccountChanges.ResetLinkAsync(db, user, TimeProvider.System, cancellationToken);
                Console.WriteLine($"Reset link for {user.Email}; it works once, for 72 hours:");
                Console.WriteLine(LinkUrl(scope.ServiceProvider, secret));
                return 0;
            }
        );
        var disableEmail = new Option<string>("--email") { Description = "The account's email address.", Required = true };
        var disable = new Command("disable", "Disable an account: its sessions end within a minute and its tokens stop working.")
        {
            disableEmail,
            data,
            database,
        };
        disable.SetAction(
            async (result, cancellationToken) =>
            {
                await using var host = await OpenAsync(result, data, database, cancellationToken);
                using var scope = host.Services.CreateScope();
                if (
                    !await UserAccounts.DisableAsync(
                        scope.ServiceProvider.GetRequiredService<UserManager<HabeasUser>>(),
                        result.GetValue(disableEmail)!
                    )
                )
                {
                    await Console.Error.WriteLineAsync($"There is no account {result.GetValue(disableEmail)}.");
                    return 1;
                }
                Console.WriteLine($"Disabled {result.GetValue(disableEmail)}.");
                return 0;
            }
        );

        var tokenEmail = new Option<string>("--email") { Description = "Whose token: it acts with that account's roles.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for.", DefaultValueFactory = _ => "command line" };
        var expires = new Option<int>("--expires") { Description = "Days until it expires (1–365).", DefaultValueFactory = _ => 90 };
        var create = new Command("create", "Create an API token; it is printed alone on the last line, once.")
        {
            tokenEmail,
            name,
            expires,
            data,
            database,
        };
        create.SetAction(
            async (result, cancellationToken) =>
            {
                var days = result.GetValue(expires);
                if (days is < 1 or > 365)
                {
                    await Console.Error.WriteLineAsync("--expires must be between 1 and 365 days.");
                    return 1;
                }
                await using var host = await OpenAsync(result, data, database, cancellationToken);
                using var scope = host.Services.CreateScope();
                var user = await scope
                    .ServiceProvider.GetRequiredService<UserManager<HabeasUser>>()
                    .FindByEmailAsync(result.GetValue(tokenEmail)!);
                if (user is null)
                {
                    await Console.Error.WriteLineAsync($"There is no account {result.GetValue(tokenEmail)}.");
                    return 1;
                }
                var token = await ApiTokens.CreateAsync(
                    scope.ServiceProvider.GetRequiredService<HabeasDb>(),
                    user,
                    result.GetValue(name)!,
                    TimeSpan.FromDays(days),
                    TimeProvider.System,
                    cancellationToken
                );
                Console.WriteLine($"Token \"{result.GetValue(name)}\" for {user.Email}, valid {days} days:");
                Console.WriteLine(token);
                return 0;
            }
        );
        return [new Command("users", "Accounts.") { add, reset, disable }, new Command("tokens", "API tokens.") { create }];
    }

    private static string LinkUrl(IServiceProvider services, string secret) =>
        services.GetRequiredService<Habeas.Platform.Mail.MailOptions>().BaseUrl + PasswordLinks.PathPrefix + secret;

    /// <summary>The application's services on the chosen storage, migrated, without serving.</summary>
    private static async Task<WebApplication> OpenAsync(
        ParseResult result,
        Option<string?> data,
        Option<string?> database,
        CancellationToken cancellationToken
    )
    {
        var app = HabeasApp.Build([], builder =>
        {
            if (result.GetValue(data) is { } d)
            {
                builder.Configuration[StorageOptions.DataKey] = d;
            }
            if (result.GetValue(database) is { } c)
            {
                builder.Configuration[StorageOptions.DatabaseKey] = c;
            }
        });
        var storage = app.Services.GetRequiredService<StorageOptions>();
        if (!storage.IsPostgres)
        {
            storage.EnsureDataDirectory();
        }
        using var scope = app.Services.CreateScope();
        await Migrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<HabeasDb>(), cancellationToken);
        await StartupTasks.EnsureRolesAsync(scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
        return app;
    }
}
