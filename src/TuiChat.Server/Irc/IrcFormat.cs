using System.Globalization;
using System.Text;

namespace TuiChat.Server.Irc;

/// <summary>Small pieces of IRC line syntax shared by the encoder and the replies.</summary>
public static class IrcFormat
{
    /// <summary>server-time's format: UTC with milliseconds.</summary>
    public static string Time(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Appends parameters; the last gets a ':' when it is empty, has a space or starts with ':'.</summary>
    public static void AppendParams(StringBuilder sb, IReadOnlyList<string> args)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            sb.Append(' ');
            if (i == args.Count - 1 && (arg.Length == 0 || arg.Contains(' ') || arg[0] == ':'))
            {
                sb.Append(':');
            }
            sb.Append(arg);
        }
    }

    /// <summary>Cuts <paramref name="text"/> into pieces of at most <paramref name="maxBytes"/> UTF-8 bytes, never inside a character.</summary>
    public static IEnumerable<string> SplitUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            yield return text;
            yield break;
        }
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.Length)
        {
            int width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            int runeBytes = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + runeBytes > maxBytes && i > start)
            {
                yield return text[start..i];
                start = i;
                bytes = 0;
            }
            bytes += runeBytes;
            i += width;
        }
        if (start < text.Length)
        {
            yield return text[start..];
        }
    }
}
