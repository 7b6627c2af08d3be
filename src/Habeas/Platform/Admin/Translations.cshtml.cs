using Habeas.Platform.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Habeas.Platform.Admin;

/// <summary>
/// What each interface language lacks (docs/translating.md): per language, the keys of habeas.pot its PO file does not
/// translate (absent, empty or marked fuzzy), with their English, so a translator knows what is left. Read only: the
/// translations are files, edited with a translator's tool and loaded at start.
/// </summary>
public sealed class TranslationsModel : PageModel
{
    public const int Shown = 300;

    public sealed record Language(string Code, string Name, int Translated, IReadOnlyList<(string Key, string English)> Missing);

    public IReadOnlyList<Language> Languages { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Folders { get; } = [.. Texts.Folders()];

    public void OnGet()
    {
        var english = Texts.Load("en");
        Total = english.Count;
        Languages =
        [
            .. Texts
                .Languages.Where(l => l != "en")
                .Select(l =>
                {
                    var missing = Texts.Missing(l);
                    return new Language(
                        l,
                        Texts.Load(l).GetValueOrDefault("language.self", l),
                        Total - missing.Count,
                        [.. missing.Select(k => (k, english[k]))]
                    );
                }),
        ];
    }
}
