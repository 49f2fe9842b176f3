using System.Text.RegularExpressions;

namespace TuiChat.Server.Irc;

/// <summary>
/// An IRC mask as LIST takes it: <c>*</c> any run, <c>?</c> one character, compared without ASCII
/// case (CASEMAPPING=ascii); a leading <c>!</c> turns it into "does not match".
/// </summary>
public sealed class IrcMask
{
    private readonly Regex _pattern;
    private readonly bool _negated;

    public IrcMask(string mask)
    {
        _negated = mask.StartsWith('!');
        string glob = Regex.Escape(_negated ? mask[1..] : mask).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        _pattern = new Regex("^" + glob + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
    }

    public bool Matches(string name) => _pattern.IsMatch(name) != _negated;
}
