namespace TuiChat.Client.Core.Text;

/// <summary>A web address inside a line of text: where it starts, how long it is, and its target.</summary>
public readonly record struct TextLink(int Start, int Length, string Target)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds the web addresses (http, https, ftp, ftps) in a line, by the rules Terminal.Gui 2.5.0's
/// driver uses to turn screen text into OSC 8 hyperlinks: an address ends at white space or
/// <c>&lt; &gt; " '</c>, loses trailing punctuation (<c>. , ! ? ; : ] }</c> and unbalanced
/// <c>)</c>), and must parse as an absolute URI. The driver finds them in each screen row, so a
/// wrapped address would link only its first part, to a target cut at the row's end (and
/// glued to the pane border after it); the log pane links every cell of an address found
/// here, on every row, to its whole target.
/// </summary>
public static class LinkFinder
{
    private static readonly string[] Schemes = ["http", "https", "ftp", "ftps"];

    public static IReadOnlyList<TextLink> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int delimiter = text.IndexOf("://", StringComparison.Ordinal);
        if (delimiter < 0)
        {
            return [];
        }
        var links = new List<TextLink>();
        while (delimiter >= 0)
        {
            int next = Scan(text, delimiter, links);
            delimiter = next < text.Length ? text.IndexOf("://", next, StringComparison.Ordinal) : -1;
        }
        return links;
    }

    /// <summary>Adds the address around the "://" at <paramref name="delimiter"/>, if it is one; returns where to search on.</summary>
    private static int Scan(string text, int delimiter, List<TextLink> links)
    {
        int start = delimiter;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }
        int end = delimiter + 3;
        while (end < text.Length && !EndsAddress(text[end]))
        {
            end++;
        }
        ReadOnlySpan<char> scheme = text.AsSpan(start, delimiter - start);
        if (!IsScheme(scheme))
        {
            return delimiter + 3;
        }
        int trimmed = TrimTrailing(text, start, end);
        if (trimmed > delimiter + 3)
        {
            string target = text[start..trimmed];
            if (Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) && IsScheme(uri.Scheme))
            {
                links.Add(new TextLink(start, trimmed - start, target));
            }
        }
        return end;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        foreach (string known in Schemes)
        {
            if (scheme.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static bool EndsAddress(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '\'' or '\u001B';

    private static int TrimTrailing(string text, int start, int end)
    {
        while (end > start && text[end - 1] is '.' or ',' or '!' or '?' or ';' or ':' or ']' or '}' or '"')
        {
            end--;
        }
        int opens = 0;
        int closes = 0;
        for (int i = start; i < end; i++)
        {
            opens += text[i] == '(' ? 1 : 0;
            closes += text[i] == ')' ? 1 : 0;
        }
        while (end > start && closes > opens && text[end - 1] == ')')
        {
            end--;
            closes--;
        }
        return end;
    }
}
