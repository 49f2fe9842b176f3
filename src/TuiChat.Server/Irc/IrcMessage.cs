namespace TuiChat.Server.Irc;

/// <summary>
/// One parsed IRC line (modern.ircdocs.horse "Messages"): optional <c>@tags</c>, optional
/// <c>:source</c>, the command (upper-cased) and its parameters, the last of which may hold spaces.
/// </summary>
public sealed record IrcMessage(IReadOnlyDictionary<string, string> Tags, string Command, IReadOnlyList<string> Params)
{
    private static readonly Dictionary<string, string> NoTags = [];

    /// <summary>The <c>label</c> tag (labeled-response), or null.</summary>
    public string? Label => Tags.GetValueOrDefault("label");

    public string Param(int i) => i < Params.Count ? Params[i] : "";

    /// <summary>Parses a line without its CR LF; null when it holds no command.</summary>
    public static IrcMessage? Parse(string line)
    {
        int at = 0;
        Dictionary<string, string> tags = NoTags;
        if (line.StartsWith('@'))
        {
            int end = line.IndexOf(' ');
            if (end < 0)
            {
                return null;
            }
            tags = ParseTags(line.AsSpan(1, end - 1));
            at = end + 1;
        }
        at = SkipSpaces(line, at);
        if (at < line.Length && line[at] == ':')
        {
            int end = line.IndexOf(' ', at);
            if (end < 0)
            {
                return null;
            }
            at = SkipSpaces(line, end + 1);
        }
        var parts = new List<string>();
        while (at < line.Length)
        {
            if (line[at] == ':' && parts.Count > 0)
            {
                parts.Add(line[(at + 1)..]);
                break;
            }
            int end = line.IndexOf(' ', at);
            if (end < 0)
            {
                end = line.Length;
            }
            parts.Add(line[at..end]);
            at = SkipSpaces(line, end);
        }
        if (parts.Count == 0)
        {
            return null;
        }
        string command = parts[0].ToUpperInvariant();
        parts.RemoveAt(0);
        return new IrcMessage(tags, command, parts);
    }

    private static int SkipSpaces(string line, int at)
    {
        while (at < line.Length && line[at] == ' ')
        {
            at++;
        }
        return at;
    }

    private static Dictionary<string, string> ParseTags(ReadOnlySpan<char> raw)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Range range in raw.Split(';'))
        {
            ReadOnlySpan<char> tag = raw[range];
            if (tag.IsEmpty)
            {
                continue;
            }
            int eq = tag.IndexOf('=');
            string key = eq < 0 ? tag.ToString() : tag[..eq].ToString();
            tags[key] = eq < 0 ? "" : Unescape(tag[(eq + 1)..]);
        }
        return tags;
    }

    /// <summary>Tag values escape ';', ' ', '\\', CR and LF (IRCv3 message-tags).</summary>
    private static string Unescape(ReadOnlySpan<char> value)
    {
        if (!value.Contains('\\'))
        {
            return value.ToString();
        }
        var sb = new System.Text.StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i + 1 == value.Length)
            {
                if (value[i] != '\\')
                {
                    sb.Append(value[i]);
                }
                continue;
            }
            i++;
            sb.Append(value[i] switch { ':' => ';', 's' => ' ', 'r' => '\r', 'n' => '\n', _ => value[i] });
        }
        return sb.ToString();
    }
}
