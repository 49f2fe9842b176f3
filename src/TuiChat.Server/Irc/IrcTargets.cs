using TuiChat.Protocol;

namespace TuiChat.Server.Irc;

/// <summary>
/// The comma list of targets a PRIVMSG, NOTICE, JOIN or NAMES takes (<c>#a,#b,bob</c>): each target
/// once (by its folded name, so <c>#a,#A</c> is one), and at most the command's limit, which 005
/// advertises as <c>TARGMAX</c>. Without it, one line (one rate token) could name the same busy
/// channel a hundred times, or create hundreds of rooms.
/// </summary>
public static class IrcTargets
{
    /// <summary>The limits, as solanum and ergo advertise them for messages (4); JOIN up to the rate burst a client rejoins with.</summary>
    public static readonly IReadOnlyDictionary<string, int> Limits = new Dictionary<string, int>
    {
        ["PRIVMSG"] = 4,
        ["NOTICE"] = 4,
        ["JOIN"] = 20,
        ["NAMES"] = 4,
        // A user's WHOIS answers the first nick of a comma list, as solanum and ergo do (IrcUserCommands.Whois).
        ["WHOIS"] = 1,
    };

    /// <summary>The <c>TARGMAX</c> token of 005.</summary>
    public static string TargMax => "TARGMAX=" + string.Join(',', Limits.Select(l => $"{l.Key}:{l.Value}"));

    /// <summary>
    /// The distinct targets of <paramref name="list"/>, in order, at most <paramref name="max"/> of
    /// them; <paramref name="firstDropped"/> is the first distinct one past the limit, if any.
    /// </summary>
    public static List<string> Parse(string list, int max, out string? firstDropped)
    {
        firstDropped = null;
        if (max > 0 && list.Length > 0 && !list.Contains(','))
        {
            // One target, as nearly every line has: nothing to fold or to count.
            return [list];
        }
        var targets = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string target in list.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!seen.Add(Fold(target)))
            {
                continue;
            }
            if (targets.Count == max)
            {
                firstDropped = target;
                break;
            }
            targets.Add(target);
        }
        return targets;
    }

    /// <summary>The identity a target names: a channel's room, or a nick's user, case folded.</summary>
    private static string Fold(string target) =>
        NameRules.Key(IrcNames.IsChannel(target) ? IrcNames.FromChannel(target) ?? target : IrcNames.FromNick(target));
}
