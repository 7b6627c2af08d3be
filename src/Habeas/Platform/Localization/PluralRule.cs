using System.Globalization;

namespace Habeas.Platform.Localization;

/// <summary>
/// A PO file's Plural-Forms ("nplurals=2; plural=(n != 1);", or Russian's three forms): which of a message's forms a
/// number takes. The expression is C's, as gettext writes the CLDR rules; it is parsed once into a function, with the
/// operators gettext allows (the conditional, logical and comparison operators, + - * / %, ! and parentheses).
/// </summary>
public sealed class PluralRule
{
    public static readonly PluralRule English = Parse("nplurals=2; plural=(n != 1);");

    private readonly Func<long, long> _form;

    private PluralRule(int count, Func<long, long> form)
    {
        Count = count;
        _form = form;
    }

    public int Count { get; }

    public int FormOf(long n) => (int)Math.Clamp(_form(n), 0, Count - 1);

    /// <summary>The rule of a header; a missing one means one form for every number (as for Khmer and Thai).</summary>
    public static PluralRule Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new PluralRule(1, _ => 0);
        }
        var parts = header
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        var count = int.Parse(parts.GetValueOrDefault("nplurals") ?? "1", CultureInfo.InvariantCulture);
        var expression = parts.GetValueOrDefault("plural") ?? "0";
        var parser = new Parser(expression);
        var form = parser.Ternary();
        parser.End();
        return new PluralRule(Math.Max(1, count), form);
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public void End()
        {
            Skip();
            if (_at < text.Length)
            {
                throw new FormatException($"Plural-Forms: unexpected '{text[_at..]}'.");
            }
        }

        public Func<long, long> Ternary()
        {
            var condition = Binary(0);
            if (!Take("?"))
            {
                return condition;
            }
            var yes = Ternary();
            Expect(":");
            var no = Ternary();
            return n => condition(n) != 0 ? yes(n) : no(n);
        }

        private static readonly string[][] Levels =
        [
            ["||"],
            ["&&"],
            ["==", "!="],
            ["<=", ">=", "<", ">"],
            ["+", "-"],
            ["*", "/", "%"],
        ];

        private Func<long, long> Binary(int level)
        {
            if (level == Levels.Length)
            {
                return Unary();
            }
            var left = Binary(level + 1);
            while (Levels[level].FirstOrDefault(Take) is { } op)
            {
                var l = left;
                var r = Binary(level + 1);
                left = op switch
                {
                    "||" => n => l(n) != 0 || r(n) != 0 ? 1 : 0,
                    "&&" => n => l(n) != 0 && r(n) != 0 ? 1 : 0,
                    "==" => n => l(n) == r(n) ? 1 : 0,
                    "!=" => n => l(n) != r(n) ? 1 : 0,
                    "<=" => n => l(n) <= r(n) ? 1 : 0,
                    ">=" => n => l(n) >= r(n) ? 1 : 0,
                    "<" => n => l(n) < r(n) ? 1 : 0,
                    ">" => n => l(n) > r(n) ? 1 : 0,
                    "+" => n => l(n) + r(n),
                    "-" => n => l(n) - r(n),
                    "*" => n => l(n) * r(n),
                    "/" => n => r(n) == 0 ? 0 : l(n) / r(n),
                    _ => n => r(n) == 0 ? 0 : l(n) % r(n),
                };
            }
            return left;
        }

        private Func<long, long> Unary()
        {
            if (Take("!"))
            {
                var operand = Unary();
                return n => operand(n) == 0 ? 1 : 0;
            }
            if (Take("("))
            {
                var inner = Ternary();
                Expect(")");
                return inner;
            }
            if (Take("n"))
            {
                return n => n;
            }
            Skip();
            var start = _at;
            while (_at < text.Length && char.IsAsciiDigit(text[_at]))
            {
                _at++;
            }
            if (start == _at)
            {
                throw new FormatException($"Plural-Forms: expected a number, n or '(' at {start} in '{text}'.");
            }
            var value = long.Parse(text[start.._at], CultureInfo.InvariantCulture);
            return _ => value;
        }

        private bool Take(string token)
        {
            Skip();
            // "<" must not take the first character of "<=", nor "!" that of "!=".
            if (string.CompareOrdinal(text, _at, token, 0, token.Length) != 0)
            {
                return false;
            }
            var next = _at + token.Length < text.Length ? text[_at + token.Length] : '\0';
            if (token is "<" or ">" or "!" && next == '=')
            {
                return false;
            }
            _at += token.Length;
            return true;
        }

        private void Expect(string token)
        {
            if (!Take(token))
            {
                throw new FormatException($"Plural-Forms: expected '{token}' at {_at} in '{text}'.");
            }
        }

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }
}
