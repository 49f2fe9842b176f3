using System.Text;

namespace TuiChat.Client.Core.Input;

/// <summary>What typed or pasted text becomes before it enters the input: a chat line's text, never terminal control.</summary>
internal static class TypedText
{
    /// <summary>
    /// Line ends to LF; escape sequences removed whole. A paste whose end marker never came
    /// (a terminal suspended or a connection cut mid-paste) reaches us after Terminal.Gui's
    /// timeout with the keys pressed meanwhile inside it, e.g. F1 as <c>ESC O P</c>: they must not
    /// become text.
    /// </summary>
    public static string Normalize(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\u001F') && !text.AsSpan().ContainsAnyInRange('\u007F', '\u009F'))
        {
            return text;
        }
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\u001B')
            {
                i = EscapeSequenceEnd(text, i) - 1;
            }
            else if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\n' or '\t' || !char.IsControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>The index after the escape sequence at <paramref name="start"/>: CSI, SS3, a string (OSC, DCS...) or ESC + one char.</summary>
    private static int EscapeSequenceEnd(string text, int start)
    {
        int i = start + 1;
        if (i >= text.Length)
        {
            return i;
        }
        switch (text[i])
        {
            case '[':
                // Parameters and intermediates, then one final byte (@ to ~); SGR mouse reports too.
                for (i++; i < text.Length; i++)
                {
                    if (text[i] is >= '@' and <= '~')
                    {
                        return i + 1;
                    }
                }
                return text.Length;
            case 'O':
                return Math.Min(i + 2, text.Length);
            case ']' or 'P' or '_' or '^':
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '\u0007')
                    {
                        return i + 1;
                    }
                    if (text[i] == '\u001B' && i + 1 < text.Length && text[i + 1] == '\\')
                    {
                        return i + 2;
                    }
                }
                return text.Length;
            default:
                return i + 1;
        }
    }
}
