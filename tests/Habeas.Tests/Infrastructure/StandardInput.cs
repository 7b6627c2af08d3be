namespace Habeas.Tests.Infrastructure;

/// <summary>
/// Tests that give a command-line verb its standard input (Console.SetIn) run one at a time: the console is one per
/// process, and a test that puts it back while another's verb is reading leaves that verb waiting on the real stdin
/// for ever (it hung a whole run once).
/// </summary>
[CollectionDefinition(Name)]
public sealed class StandardInput
{
    public const string Name = "standard input";
}
