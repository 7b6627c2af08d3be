using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using Habeas.Tests.Architecture;

namespace Habeas.Tests.Localization;

/// <summary>
/// Issue 18: every text a reader sees comes from the translations. This reads the compiled program: the HTML every page
/// writes as it is (Razor's literals), where a sentence typed into a page instead of a key would be, and the messages the
/// code gives to a form or a problem (model-state errors, problem titles), and fails on any English words found there.
/// </summary>
public sealed partial class LiteralTests
{
    /// <summary>Words a page may carry as they are: the product's name, formats and standards, symbols.</summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "Habeas",
        "CSV",
        "JSON",
        "API",
        "UTF",
        "ISO",
        "URL",
        "EDTF",
        "FollowTheMoney",
        "Atom",
        "iCalendar",
        "docx",
        "PDF",
        "PNG",
        "JPEG",
        "WebP",
        "TOTP",
        "English",
        "UTC",
        // Values chosen in code that reach the same call as a literal: a form handler's name (Admin/Users: Enable or
        // Disable) and the value of the import's "a new person" option (Import/Index: new).
        "Enable",
        "new",
        // The honeypot field of public forms (Platform/Security/_PublicFormFields): hidden from people, read by robots.
        "Website",
        "nbsp",
        "amp",
        "lt",
        "gt",
        "quot",
        "middot",
        "ndash",
        "mdash",
        "rarr",
        "larr",
        "hellip",
        "times",
        "copy",
    };

    [Fact]
    public void ThePages_WriteNoEnglishOfTheirOwn()
    {
        var found = new List<string>();
        var pages = typeof(Habeas.Host.HabeasApp)
            .Assembly.GetTypes()
            .Where(t => (t.FullName ?? "").StartsWith("AspNetCoreGeneratedDocument.", StringComparison.Ordinal))
            .ToList();
        Assert.True(pages.Count > 100, $"only {pages.Count} compiled page types");
        foreach (var type in pages)
        {
            foreach (var literal in Literals(type, "WriteLiteral", immediate: true))
            {
                foreach (var text in VisibleText(literal))
                {
                    foreach (Match word in Word().Matches(text))
                    {
                        if (!Allowed.Contains(word.Value))
                        {
                            found.Add($"{PageName(type)}: \"{text.Trim()}\"");
                            break;
                        }
                    }
                }
            }
        }
        Assert.True(found.Count == 0, "English written into pages instead of a key:\n" + string.Join("\n", found.Distinct()));
    }

    [Fact]
    public void TheMessagesGivenToFormsAndProblems_AreNotEnglishSentences()
    {
        var found = new List<string>();
        foreach (var type in typeof(Habeas.Host.HabeasApp).Assembly.GetTypes())
        {
            foreach (var sink in new[] { "AddModelError", "Problem", "ValidationProblem" })
            {
                foreach (var literal in Literals(type, sink).Where(l => Sentence().IsMatch(l)))
                {
                    found.Add($"{type.FullName}: \"{literal}\" given to {sink}");
                }
            }
        }
        Assert.True(found.Count == 0, "English messages not from the translations:\n" + string.Join("\n", found.Distinct()));
    }

    /// <summary>The check finds what it is meant to find, and not markup.</summary>
    [Fact]
    public void VisibleText_IsTheTextBetweenTags_AndTheAttributesPeopleRead()
    {
        Assert.Equal(["Save the person"], VisibleText("<button class=\"primary\">Save the person</button>"));
        Assert.Equal(["Find"], VisibleText("\" class=\"wide\" placeholder=\"Find\">"));
        Assert.Empty(VisibleText("<script>var x = 'hello world';</script><div class=\"card stack\">"));
        Assert.Empty(VisibleText("\">\n    <td>"));
    }

    /// <summary>The string constants loaded before each call to a method named <paramref name="sink"/> since the call
    /// before it (only the one loaded just before it when <paramref name="immediate"/>: Razor's literals), in every method of
    /// the type and its nested types (async state machines, lambdas).</summary>
    private static IEnumerable<string> Literals(Type type, string sink, bool immediate = false)
    {
        const BindingFlags all =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var types = new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        foreach (var method in types.SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all))))
        {
            var strings = new List<string>();
            foreach (var instruction in Il.Instructions(method))
            {
                if (instruction.Code == OpCodes.Ldstr)
                {
                    strings.Add(method.Module.ResolveString(instruction.Token));
                    continue;
                }
                if (immediate && instruction.Code != OpCodes.Call && instruction.Code != OpCodes.Callvirt)
                {
                    strings.Clear();
                    continue;
                }
                else if (instruction.Code == OpCodes.Call || instruction.Code == OpCodes.Callvirt)
                {
                    MethodBase? called;
                    try
                    {
                        called = method.Module.ResolveMethod(instruction.Token, type.GetGenericArguments(), null);
                    }
                    catch (ArgumentException)
                    {
                        called = null;
                    }
                    if (called?.Name == sink)
                    {
                        foreach (var s in strings)
                        {
                            yield return s;
                        }
                    }
                    strings.Clear();
                }
            }
        }
    }

    /// <summary>The text a reader sees in a piece of HTML that may begin inside a tag: text between tags, and the
    /// values of title, placeholder, alt and aria-label.</summary>
    internal static List<string> VisibleText(string html)
    {
        html = Scripts().Replace(html, "");
        var texts = new List<string>();
        foreach (Match attribute in ReadAttribute().Matches(html))
        {
            texts.Add(attribute.Groups[2].Value);
        }
        var firstOpen = html.IndexOf('<', StringComparison.Ordinal);
        var firstClose = html.IndexOf('>', StringComparison.Ordinal);
        // A piece that begins inside a tag: what comes before its end is attributes.
        var start = firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen) ? firstClose + 1 : 0;
        foreach (var segment in Tag().Split(html[start..]))
        {
            // A piece that ends inside a tag.
            var text = segment.Contains('<', StringComparison.Ordinal)
                ? segment[..segment.IndexOf('<', StringComparison.Ordinal)]
                : segment;
            text = Entity().Replace(text, " ");
            // The rest of an attribute a piece began or ends inside ("\" data-picker-field=\"").
            if (text.Contains("=\"", StringComparison.Ordinal) || text.TrimStart().StartsWith('"') || text.TrimEnd().EndsWith('"'))
            {
                continue;
            }
            if (Word().IsMatch(text))
            {
                texts.Add(text.Trim());
            }
        }
        return texts.Where(t => Word().IsMatch(Entity().Replace(t, " "))).ToList();
    }

    private static string PageName(Type type) => type.DeclaringType?.Name ?? type.Name;

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\b(title|placeholder|alt|aria-label)=""([^""@]*[A-Za-z][^""@]*)""")]
    private static partial Regex ReadAttribute();

    [GeneratedRegex(@"&#?\w+;")]
    private static partial Regex Entity();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();

    /// <summary>A message in English: a capital, then at least two more words.</summary>
    [GeneratedRegex(@"^[A-Z][a-z']*( [a-z'(),]+){2,}")]
    private static partial Regex Sentence();
}
