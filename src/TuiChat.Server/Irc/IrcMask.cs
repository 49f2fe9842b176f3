namespace TuiChat.Server.Irc;

/// <summary>
/// An IRC mask as LIST takes it: <c>*</c> any run, <c>?</c> one character, compared without case;
/// a leading <c>!</c> turns it into "does not match". Matched greedily with one resume point (the
/// last <c>*</c>), never by backtracking over every earlier star: at most name × mask steps, so a
/// crafted mask (<c>*a*a*a…b</c>) costs no more than a plain one of its length.
/// </summary>
public sealed class IrcMask
{
    private readonly string _glob;
    private readonly bool _negated;

    public IrcMask(string mask)
    {
        _negated = mask.StartsWith('!');
        _glob = _negated ? mask[1..] : mask;
    }

    public bool Matches(string name) => Glob(_glob, name) != _negated;

    private static bool Glob(string glob, string name)
    {
        int g = 0;
        int n = 0;
        // Where the last star was, and the name position it is tried to cover up to.
        int star = -1;
        int starName = 0;
        while (n < name.Length)
        {
            if (g < glob.Length && glob[g] == '*')
            {
                star = g++;
                starName = n;
            }
            else if (g < glob.Length && (glob[g] == '?' || SameLetter(glob[g], name[n])))
            {
                g++;
                n++;
            }
            else if (star >= 0)
            {
                // The last star covers one more character; what follows it is tried again from there.
                // Earlier stars need no retry: any match they could allow, the last one allows too.
                g = star + 1;
                n = ++starName;
            }
            else
            {
                return false;
            }
        }
        while (g < glob.Length && glob[g] == '*')
        {
            g++;
        }
        return g == glob.Length;
    }

    private static bool SameLetter(char a, char b) => a == b || char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
