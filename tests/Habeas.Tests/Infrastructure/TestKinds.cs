namespace Habeas.Tests.Infrastructure;

/// <summary>
/// The trait that sets apart the system tests: real server processes killed or run side by side, their own PostgreSQL
/// cluster, the published single file. They mostly wait on other processes, so .ci/run runs them in a second
/// `dotnet test` beside the rest (--filter "Kind=System" and "Kind!=System"); docs/testing.md.
/// </summary>
public static class TestKinds
{
    public const string Trait = "Kind";
    public const string System = "System";
}
