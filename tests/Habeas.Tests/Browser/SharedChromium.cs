using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// One Chromium (and one Playwright driver) for every browser test of the run, launched by the first and closed
/// with the collection: launching one per test cost about a second of two cores each time. Each test still gets a
/// server and browser contexts of its own (<see cref="BrowserServer"/>), so no cookie or page crosses tests.
/// </summary>
public sealed class SharedChromium : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;

    /// <summary>The run's browser, launched on first use (again if it died).</summary>
    public static async Task<IBrowser> BrowserAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } running)
            {
                return running;
            }
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(
                new BrowserTypeLaunchOptions
                {
                    ExecutablePath = BrowserServer.ChromiumPath,
                    Headless = true,
                    Args =
                    [
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                    ],
                }
            );
            return _browser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
                _browser = null;
            }
            _playwright?.Dispose();
            _playwright = null;
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Browser tests run one class at a time (each class still on both databases): Chromium beside a server is
/// heavy, and on two cores several at once ran past Playwright's timeouts. They share one Chromium.</summary>
[CollectionDefinition(BrowserServer.Collection)]
public sealed class BrowserTestsTogether : ICollectionFixture<SharedChromium>;
