using System.Text.Json;
using Habeas.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Habeas.Tests.Browser;

/// <summary>
/// Accessibility (axe-core) and validity (the Nu HTML checker, vnu-jar) checks of a page, with the tools tests/tools/fetch.sh
/// takes from the npm registry into tests/tools/.cache. Without them a check is skipped, saying why; in CI (CI=true) it fails.
/// </summary>
public static class PageChecks
{
    private static readonly string Tools = Path.Combine(Repository.Root, "tests", "tools", ".cache");
    public static readonly string AxePath = Path.Combine(Tools, "axe.min.js");
    public static readonly string VnuPath = Path.Combine(Tools, "vnu.jar");

    /// <summary>Runs axe-core on the page as it is; fails listing every serious or critical violation, its rule and the elements.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        Require(AxePath, "axe-core");
        // Evaluated through the browser's debugging protocol, which the page's Content-Security-Policy does not govern
        // (a script tag would be refused on the public site, whose policy allows no script).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(AxePath) + "\n;void 0;");
        }
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations.map(v => ({ id: v.id, impact: v.impact || '', help: v.help, targets: v.nodes.map(n => n.target.join(' ')) }));
            }
            """
        );
        var serious = violations
            .EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v =>
                $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} ({v.GetProperty("help").GetString()}): "
                + string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))
            )
            .ToList();
        Assert.True(serious.Count == 0, $"axe-core on {page.Url}:\n" + string.Join("\n", serious));
    }

    /// <summary>Runs the Nu HTML checker on a page's HTML; fails listing every error with its line.</summary>
    public static async Task AssertValidHtmlAsync(string html, string name)
    {
        Require(VnuPath, "vnu-jar");
        var report = await NuChecker.CheckAsync(html);
        using var json = JsonDocument.Parse(report);
        var errors = json
            .RootElement.GetProperty("messages")
            .EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .Select(m =>
                $"line {(m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0)}: {m.GetProperty("message").GetString()}"
                + (m.TryGetProperty("extract", out var extract) ? $" [{extract.GetString()}]" : "")
            )
            .ToList();
        Assert.True(errors.Count == 0, $"Nu HTML checker on {name}:\n" + string.Join("\n", errors));
    }

    private static void Require(string path, string tool)
    {
        if (File.Exists(path))
        {
            return;
        }
        var reason = $"{tool} is missing ({path}): run tests/tools/fetch.sh to fetch it from the npm registry.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }
        Assert.Skip(reason);
    }
}
