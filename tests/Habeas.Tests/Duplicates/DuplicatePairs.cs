using Habeas.Records.Duplicates;
using Microsoft.Extensions.DependencyInjection;

namespace Habeas.Tests.Duplicates;

/// <summary>The likely duplicate pairs are worked out in the background; a test runs that work to the end itself
/// before it reads them, instead of waiting for the job.</summary>
public static class DuplicatePairs
{
    public static Task RefreshDuplicatesAsync(this IServiceProvider services) =>
        services.GetRequiredService<DuplicateFinder>().RefreshNowAsync(services, CancellationToken.None);
}
