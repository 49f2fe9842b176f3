using System.Text;

namespace TuiChat.Server.Chat;

/// <summary>
/// When a line in a room needs a user: it holds the user's name as a whole word, in any case.
/// A name may contain letters, digits, <c>_</c>, <c>-</c> and <c>.</c>; so a neighbouring letter,
/// digit, <c>_</c> or <c>-</c> makes the match part of a longer word ("malice", "alice2"), and so
/// does a <c>.</c> followed by one ("alice.b"), while a full stop ending a sentence ("thanks alice.") does not.
/// </summary>
public static class Highlights
{
    public static bool MentionsName(string text, string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        for (int at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (!ContinuesBackward(text, at - 1) && !ContinuesForward(text, at + name.Length))
            {
                return true;
            }
        }
        return false;
    }

    private static bool ContinuesForward(string text, int i) =>
        i < text.Length && (IsNameChar(text, i) || (text[i] == '.' && i + 1 < text.Length && IsNameChar(text, i + 1)));

    private static bool ContinuesBackward(string text, int i) =>
        i >= 0 && (IsNameChar(text, i) || (text[i] == '.' && i > 0 && IsNameChar(text, i - 1)));

    /// <summary>A letter, digit, <c>_</c> or <c>-</c> at <paramref name="i"/> (a surrogate pair counts as its code point).</summary>
    private static bool IsNameChar(string text, int i)
    {
        char c = text[i];
        if (c is '_' or '-')
        {
            return true;
        }
        if (char.IsSurrogate(c))
        {
            int start = char.IsLowSurrogate(c) && i > 0 ? i - 1 : i;
            return Rune.TryGetRuneAt(text, start, out Rune rune) && Rune.IsLetterOrDigit(rune);
        }
        return char.IsLetterOrDigit(c);
    }
}
