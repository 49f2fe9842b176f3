using System.Globalization;
using System.Text;

namespace TuiChat.Server.Irc;

/// <summary>
/// Text between the two worlds: IRC formatting codes are stripped before a line reaches TuiChat
/// (native clients never see raw control codes), CTCP ACTION is the native <c>/me</c>, and a
/// native line with line feeds, or too long for one IRC line, becomes several IRC lines.
/// </summary>
public static class IrcText
{
    /// <summary>How native clients write an action: "/me waves".</summary>
    public const string NativeActionPrefix = "/me ";

    private const char Ctcp = '\u0001';

    private const string ActionOpen = "\u0001ACTION ";

    /// <summary>The bytes CTCP ACTION adds around an action's text: "\u0001ACTION " and "\u0001".</summary>
    private static readonly int ActionWrapperBytes = ActionOpen.Length + 1;

    private static readonly System.Buffers.SearchValues<char> FormattingCodes = System.Buffers.SearchValues.Create("\u0002\u0003\u0004\u000f\u0016\u001d\u001e\u001f\u0011");

    /// <summary>The native text for an IRC PRIVMSG/NOTICE body: formatting stripped, ACTION as "/me ...".</summary>
    public static string ToNative(string ircText)
    {
        string text = ircText;
        if (text.StartsWith(ActionOpen, StringComparison.Ordinal))
        {
            text = NativeActionPrefix + text[ActionOpen.Length..].TrimEnd(Ctcp);
        }
        return StripFormatting(text);
    }

    /// <summary>True for a CTCP request other than ACTION (VERSION, PING...): not relayed to native clients.</summary>
    public static bool IsOtherCtcp(string ircText) =>
        ircText.Length > 0 && ircText[0] == Ctcp && !ircText.StartsWith(ActionOpen, StringComparison.Ordinal);

    /// <summary>The longest request word <see cref="CtcpRequest"/> returns: the notice that names it must fit one IRC line.</summary>
    private const int MaxCtcpRequestLength = 32;

    /// <summary>The request word of a CTCP message ("VERSION" of "\u0001VERSION\u0001"), cut to <see cref="MaxCtcpRequestLength"/>.</summary>
    public static string CtcpRequest(string ircText)
    {
        string request = ircText.Trim(Ctcp).Split(' ', 2)[0].ToUpperInvariant();
        return request.Length <= MaxCtcpRequestLength ? request : request[..MaxCtcpRequestLength];
    }

    /// <summary>
    /// True when <see cref="ToIrcLines"/> would give the text back as its one body (one line, not a
    /// "/me", short enough): most chat lines, which then need neither the split nor its strings.
    /// </summary>
    public static bool IsOneIrcLine(string nativeText, int maxBytes) =>
        nativeText.Length > 0
        && !nativeText.Contains('\n')
        && nativeText[^1] != '\r'
        && !nativeText.StartsWith(NativeActionPrefix, StringComparison.Ordinal)
        && Encoding.UTF8.GetByteCount(nativeText) <= maxBytes;

    /// <summary>
    /// The IRC message bodies for a native text, each at most <paramref name="maxBytes"/> UTF-8
    /// bytes: one or more per line feed (a long line cut by <see cref="SplitToFit"/>), empty lines
    /// dropped, and "/me" as CTCP ACTION, every piece of a long one wrapped again, so that an IRC
    /// client shows each as an action and none as a plain line.
    /// </summary>
    public static IEnumerable<string> ToIrcLines(string nativeText, int maxBytes)
    {
        foreach (string raw in nativeText.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }
            bool action = line.StartsWith(NativeActionPrefix, StringComparison.Ordinal);
            string body = action ? line[NativeActionPrefix.Length..] : line;
            foreach (string piece in SplitToFit(body, action ? maxBytes - ActionWrapperBytes : maxBytes))
            {
                yield return action ? $"{ActionOpen}{piece}{Ctcp}" : piece;
            }
        }
    }

    /// <summary>
    /// Cuts a line longer than <paramref name="maxBytes"/> UTF-8 bytes into pieces that fit, as a
    /// word wrap would: at the last space that leaves the piece at least three quarters full, the
    /// space itself dropped (the line break stands for it); without one, between two text elements
    /// (an accented letter, an emoji ZWJ sequence, a flag stay whole), and inside one only when it
    /// alone is longer than a piece. Nothing else is lost or added.
    /// </summary>
    public static IEnumerable<string> SplitToFit(string line, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(line) <= maxBytes)
        {
            yield return line;
            yield break;
        }
        int start = 0;
        while (start < line.Length)
        {
            (int end, int next) = NextCut(line, start, maxBytes);
            yield return line[start..end];
            start = next;
        }
    }

    /// <summary>Where the piece that begins at <paramref name="start"/> ends, and where the next begins (after a dropped space).</summary>
    private static (int End, int Next) NextCut(string line, int start, int maxBytes)
    {
        int wrapFrom = maxBytes - maxBytes / 4;
        int bytes = 0;
        int i = start;
        int space = -1;
        while (i < line.Length)
        {
            int length = StringInfo.GetNextTextElementLength(line.AsSpan(i));
            if (length == 1 && line[i] == ' ' && bytes >= wrapFrom)
            {
                // Checked before the fit: a space just past the limit ends a full piece.
                space = i;
            }
            int elementBytes = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (bytes + elementBytes > maxBytes)
            {
                break;
            }
            bytes += elementBytes;
            i += length;
        }
        if (i == line.Length)
        {
            return (i, i);
        }
        if (space >= 0)
        {
            return (space, space + 1);
        }
        if (i > start)
        {
            return (i, i);
        }
        int end = CutInsideElement(line, start, maxBytes);
        return (end, end);
    }

    /// <summary>The end of the code points from <paramref name="start"/> that fit (at least one): for a text element longer than a piece.</summary>
    private static int CutInsideElement(string line, int start, int maxBytes)
    {
        int bytes = 0;
        int i = start;
        while (i < line.Length)
        {
            Rune.DecodeFromUtf16(line.AsSpan(i), out Rune rune, out int length);
            if (bytes + rune.Utf8SequenceLength > maxBytes && i > start)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            i += length;
        }
        return i;
    }

    /// <summary>
    /// Removes mIRC formatting: bold (02), colour (03 with up to two "fg,bg" digits), hex colour
    /// (04 with six hex digits and an optional ",bg"), reset (0F), reverse (16), italics (1D),
    /// strikethrough (1E), underline (1F) and monospace (11).
    /// </summary>
    public static string StripFormatting(string text)
    {
        if (text.AsSpan().IndexOfAny(FormattingCodes) < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\u0003':
                    i = SkipColour(text, i, 2, char.IsAsciiDigit);
                    break;
                case '\u0004':
                    i = SkipColour(text, i, 6, char.IsAsciiHexDigit);
                    break;
                case '\u0002' or '\u000f' or '\u0016' or '\u001d' or '\u001e' or '\u001f' or '\u0011':
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Skips "fg[,bg]" after a colour code at <paramref name="at"/>; returns the index of the last character consumed.</summary>
    private static int SkipColour(string text, int at, int digits, Func<char, bool> isDigit)
    {
        int i = SkipDigits(text, at + 1, digits, isDigit);
        if (i > at + 1 && i + 1 < text.Length && text[i] == ',' && isDigit(text[i + 1]))
        {
            i = SkipDigits(text, i + 1, digits, isDigit);
        }
        return i - 1;
    }

    private static int SkipDigits(string text, int from, int max, Func<char, bool> isDigit)
    {
        int i = from;
        while (i < text.Length && i - from < max && isDigit(text[i]))
        {
            i++;
        }
        return i;
    }
}
