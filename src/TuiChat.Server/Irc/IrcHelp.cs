namespace TuiChat.Server.Irc;

/// <summary>
/// HELP (and HELPOP, which older clients send): what each command does here and how TuiChat's
/// groups, names and files look from IRC, as 704/705/706 (modern.ircdocs.horse), so an irssi or
/// WeeChat user can find out from the server itself what docs/IRC.md says. A subject it has no
/// text for is 524.
/// </summary>
public static class IrcHelp
{
    /// <summary>Lines are wrapped at this many bytes, a width every terminal client shows whole.</summary>
    private const int Width = 76;

    /// <summary>What the door is, the first thing HELP and INFO say.</summary>
    public const string About = "The rooms, groups, direct messages, accounts and history of TuiChat's own clients, on IRC.";

    /// <summary>The commands a registered client may send, in the order the index lists them.</summary>
    private static readonly Dictionary<string, string> CommandTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["JOIN"] = "JOIN #room[,&group...] (up to 20), or JOIN 0 to leave every channel. A #room that does not exist is created; a &group is joined by invitation of its owner only (473 otherwise).",
        ["PART"] = "PART #room [:reason]. Leaving a &group ends your membership: its owner must invite you again.",
        ["PRIVMSG"] = "PRIVMSG target[,target] :text (up to 4 targets): a channel you are in, or a nick. A registered user who is offline gets it at the next login. Lines are kept in the history (HELP CHATHISTORY). A CTCP ACTION (/me) is TuiChat's /me; formatting codes are stripped.",
        ["NOTICE"] = "NOTICE target :text, like PRIVMSG, but never answered, not even with an error; it stays a notice for everyone, in the history too.",
        ["TOPIC"] = "TOPIC #room shows the topic, TOPIC #room :text sets it: in a &group any member, in a #room its operator (@) or an admin.",
        ["NAMES"] = "NAMES #room[,#room...]: the members; a &group lists its offline members too.",
        ["LIST"] = "LIST [mask,...]: the public rooms and your own groups, with members and topic; * and ? match, !mask lists those that do not.",
        ["WHO"] = "WHO #room or WHO nick: who is online there (G when away, * for an admin). Every user is +i: WHO answers no mask of strangers.",
        ["WHOIS"] = "WHOIS nick: the channels of theirs you may see, the away text, whether it is an account, an admin.",
        ["WHOWAS"] = "WHOWAS nick: no past nick is kept here (406).",
        ["ISON"] = "ISON nick...: which of them are online (irssi's /notify).",
        ["USERHOST"] = "USERHOST nick...: up to five online nicks, - when away.",
        ["INVITE"] = "INVITE nick &group: the group's owner (or an admin) makes the nick a member; its clients join the group at once.",
        ["KICK"] = "KICK #room nick[,nick] [:reason]: the room's operator or the group's owner (or an admin); a kicked group member is no longer one.",
        ["MODE"] = "MODE #room shows the modes (+nt, a &group +in); channel modes cannot be changed here. Every user is +i; MODE nick shows yours.",
        ["AWAY"] = "AWAY :text sets you away for TuiChat's clients too; AWAY alone brings you back.",
        ["CHATHISTORY"] = "CHATHISTORY LATEST|BEFORE|AFTER|AROUND|BETWEEN target ref... n, and TARGETS (IRCv3 draft/chathistory, with the batch capability): the stored lines, native ones too, of a channel you are a member of or of your direct conversation with a nick, at most 200 at a time. A ref is msgid=<id> or timestamp=<time>.",
        ["NICK"] = "NICK name before registering. A nick cannot change afterwards (447): here a name is an identity; reconnect under the other one.",
        ["PASS"] = "PASS password, sent before registering, or SASL PLAIN (AUTHENTICATE), logs a registered account in; without either you are a guest under a name no account has.",
        ["LUSERS"] = "LUSERS: how many users are online and how many channels you can see.",
        ["MOTD"] = "MOTD: the server's message of the day (422 when it has none).",
        ["VERSION"] = "VERSION: the server's version and its 005 tokens.",
        ["TIME"] = "TIME: the server's clock, in UTC.",
        ["INFO"] = "INFO: what this server is.",
        ["ADMIN"] = "ADMIN: this server publishes no administrative contact (423); its admins are marked * in WHO.",
        ["HELP"] = "HELP [subject]: this help.",
        ["PING"] = "PING token: the server answers PONG.",
        ["QUIT"] = "QUIT [:reason]: leaves, with the reason shown to your room mates (TuiChat's clients too).",
    };

    /// <summary>How TuiChat's own notions look from IRC.</summary>
    private static readonly Dictionary<string, string> ConceptTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GROUPS"] = "A &group is a TuiChat private group (+group in TuiChat's clients): invite only (+i), without +t. Its owner (@) invites and kicks; any member sets the topic. Groups are created in TuiChat's own client (/create +name); IRC joins those it is invited to.",
        ["NICKS"] = "TuiChat names are nicks as they are, but for a dot (ana.maria is ana|maria) and letters beyond ASCII, sent as IDNA (josé is xn--jos-dma); the UTF-8 form is accepted too.",
        ["FILES"] = "A file sent in TuiChat's client reaches IRC as a NOTICE with its name, size and the /save command that fetches it there. IRC cannot fetch it: there is no DCC.",
    };

    /// <summary>The commands the index lists, each with its text (a test holds every one to being handled).</summary>
    public static IEnumerable<string> Commands => CommandTexts.Keys;

    /// <summary>Answers <c>HELP [subject]</c>: the index, a subject's text, or 524.</summary>
    public static void Answer(IIrcNumerics reply, IrcMessage m)
    {
        string? asked = m.Params.Count > 0 && m.Param(0).Length > 0 ? m.Param(0) : null;
        if (asked is null)
        {
            Send(reply, "*", "TuiChat's IRC door",
                $"{About} Commands: {string.Join(' ', Commands)}. HELP <command> tells what one does here; " +
                $"{string.Join(", ", ConceptTexts.Keys.Select(c => "HELP " + c))}: how TuiChat's groups, names and files look on IRC.");
            return;
        }
        // The subject as asked, casefolded; one that could not be a middle parameter (a space, a
        // leading ':', from "HELP :two words") is "*", as the spec asks.
        string subject = asked.ToUpperInvariant();
        if (!CommandTexts.TryGetValue(asked, out string? text) && !ConceptTexts.TryGetValue(asked, out text))
        {
            reply.Numeric("524", subject.Contains(' ') || subject[0] == ':' ? "*" : subject, "No help available on this topic");
            return;
        }
        Send(reply, subject, "HELP " + subject, text);
    }

    /// <summary>704 with the title, an empty 705 as servers send, the text wrapped in 705s, and 706.</summary>
    private static void Send(IIrcNumerics reply, string subject, string title, string text)
    {
        reply.Numeric("704", subject, title);
        reply.Numeric("705", subject, "");
        foreach (string line in IrcText.SplitToFit(text, Width))
        {
            reply.Numeric("705", subject, line);
        }
        reply.Numeric("706", subject, "End of /HELP");
    }
}
