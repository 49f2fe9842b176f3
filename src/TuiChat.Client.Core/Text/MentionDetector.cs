namespace TuiChat.Client.Core.Text;

/// <summary>
/// Decides whether a message names the user: the name (or "@name") as a whole word,
/// case-insensitively. "alice:" and "hi @Alice!" mention alice; "malice" and "alice2" do not.
/// </summary>
public static class MentionDetector
{
    public static bool Mentions(string text, string user)
    {
        if (string.IsNullOrEmpty(text) || string.IsNullOrEmpty(user))
        {
            return false;
        }
        int from = 0;
        while (true)
        {
            int at = text.IndexOf(user, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }
            int end = at + user.Length;
            if ((at == 0 || !IsNameChar(text[at - 1])) && (end == text.Length || !IsNameChar(text[end])))
            {
                return true;
            }
            from = at + 1;
        }
    }

    /// <summary>Characters that continue a user name (PROTOCOL.md section 3); a trailing '.' ends a sentence instead.</summary>
    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';
}
