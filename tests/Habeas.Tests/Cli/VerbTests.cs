using Habeas.Records.Cases;
using Habeas.Records.Custody;
using Habeas.Records.People;
using Habeas.Tests.Infrastructure;
using Habeas.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Habeas.Tests.Cli;

public sealed class VerbTests
{
    [Theory, ClassData(typeof(AllDatabases))]
    public async Task MigrateThenDemo_CreateTheSchemaAndLoadTheSeedCases_AndDemoRefusesASecondLoad(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var where = database.CliArguments;

        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["migrate", .. where]));
        Assert.Equal(0, await Habeas.Host.Verbs.RunAsync(["demo", .. where]));
        Assert.Equal(2, await Habeas.Host.Verbs.RunAsync(["demo", .. where]));

        await using var db = SchemaTests.Open(database);
        Assert.Equal(9, await db.People.CountAsync());
        Assert.Equal(5, await db.Cases.CountAsync());
        Assert.True(await db.CustodyPeriods.AnyAsync(p => p.Status == "administrative-detention"));
        if (provider == TestDatabase.Sqlite)
        {
            Assert.True(File.Exists(Path.Combine(database.DataDirectory, "habeas.db")));
        }
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("migrate")]
    [InlineData("demo")]
    public async Task EveryVerb_AnswersHelp(string verb)
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.Equal(0, await Habeas.Host.Verbs.RunAsync([verb, "--help"]));
        }
        finally
        {
            Console.SetOut(original);
        }
        Assert.Contains("--data", output.ToString());
        Assert.Contains("--database", output.ToString());
    }
}
