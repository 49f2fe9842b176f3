using TuiChat.Protocol;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>
/// Users: AWAY, and the questions about them (WHO, WHOIS, WHOWAS, ISON, USERHOST), answered for
/// users online on this server or, in a cluster, on another (<see cref="ChatState.OnlineInfo"/>), as
/// the native <c>whois</c> is.
/// </summary>
public sealed class IrcUserCommands(IrcSession session)
{
    private readonly IrcReplies _reply = session.Reply;
    private readonly People _people = session.Services.State.People;
    private readonly Rooms _rooms = session.Services.State.Rooms;

    public void Away(IrcMessage m)
    {
        // The same away state as the native `away`: native clients see it, and so do WHO, WHOIS and 301.
        string? text = m.Params.Count > 0 ? IrcSession.StatusTextOf(m.Param(0)) : null;
        _people.SetAway(session.Me, text);
        _reply.Numeric(text is null ? "305" : "306", text is null ? "You are no longer marked as being away" : "You have been marked as being away");
    }

    /// <summary>
    /// MODE on a nick. Every user is +i (invisible, the one user mode of 004): WHO answers a
    /// channel's members and an exact nick, never a mask that would list strangers. So <c>+i</c>,
    /// which irssi asks for at every connect, is what the user already has and gets no reply (a
    /// mode that does not change is not echoed); taking it off, or any other flag, gets 501.
    /// </summary>
    public void Mode(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        string target = m.Param(0);
        if (NameRules.Key(IrcNames.FromNick(target)) != session.Me.Key)
        {
            _reply.Numeric("502", "Can't change mode for other users");
            return;
        }
        if (m.Params.Count == 1)
        {
            _reply.Numeric("221", "+i");
            return;
        }
        bool adding = true;
        foreach (char flag in m.Param(1))
        {
            if (flag is '+' or '-')
            {
                adding = flag == '+';
            }
            else if (flag != 'i' || !adding)
            {
                _reply.Numeric("501", "Unknown MODE flag: every user is +i here, and there is no other user mode");
                return;
            }
        }
    }

    public void Who(IrcMessage m)
    {
        string mask = m.Param(0);
        if (IrcNames.FromChannel(mask) is { } room)
        {
            if (_rooms.View(session.Me, room) is { } view)
            {
                foreach (string member in view.Members)
                {
                    if (_people.OnlineInfo(member) is { } online)
                    {
                        WhoLine(IrcNames.ToChannel(view.Room), online, IrcChannelReplies.IsOperator(view, member));
                    }
                }
            }
        }
        else if (mask.Length > 0 && _people.OnlineInfo(IrcNames.FromNick(mask)) is { } user)
        {
            WhoLine("*", user, isOperator: false);
        }
        _reply.Numeric("315", mask.Length > 0 ? mask : "*", "End of /WHO list");
    }

    public void Whois(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        // WHOIS [server] nick[,nick...]: the first nick (TARGMAX WHOIS:1), as solanum and ergo answer a user.
        string nick = m.Params[^1].Split(',', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : m.Params[^1];
        if (_people.OnlineInfo(IrcNames.FromNick(nick)) is not { } user)
        {
            _reply.Numeric("401", nick, "No such nick/channel");
            _reply.Numeric("318", nick, "End of /WHOIS list");
            return;
        }
        string n = IrcNames.ToNick(user.User);
        _reply.Numeric("311", n, n, IrcEncoder.ServerName, "*", user.User);
        // As the native whois: the rooms and groups the asker shares with the user.
        IReadOnlyList<string> rooms = _people.RoomsInCommon(session.Me, user.User);
        if (rooms.Count > 0)
        {
            _reply.Numeric("319", n, string.Join(' ', rooms.Select(IrcNames.ToChannel)));
        }
        _reply.Numeric("312", n, IrcEncoder.ServerName, "TuiChat");
        if (user.Role == Protocol.Messages.Roles.Admin)
        {
            _reply.Numeric("313", n, "is a TuiChat admin");
        }
        if (user.Away is { } away)
        {
            _reply.Numeric("301", n, away);
        }
        if (user.Registered)
        {
            _reply.Numeric("330", n, n, "is logged in as");
        }
        _reply.Numeric("318", n, "End of /WHOIS list");
    }

    /// <summary>The server keeps no record of past nicks: every WHOWAS is 406 (irssi asks after a WHOIS got 401).</summary>
    public void Whowas(IrcMessage m)
    {
        if (m.Params.Count == 0 || m.Param(0).Length == 0)
        {
            _reply.Numeric("431", "No nickname given");
            return;
        }
        string nick = m.Param(0).Split(',')[0];
        _reply.Numeric("406", nick, "There was no such nickname");
        _reply.Numeric("369", nick, "End of WHOWAS");
    }

    /// <summary>ISON (irssi's /notify asks it): <c>303</c> with the nicks given that are online.</summary>
    public void Ison(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        IEnumerable<string> online = m.Params.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(nick => _people.OnlineInfo(IrcNames.FromNick(nick)) is not null);
        _reply.Numeric("303", string.Join(' ', online));
    }

    /// <summary>USERHOST: <c>302</c> with <c>nick=+nick@host</c> (<c>-</c> when away) for up to five online nicks.</summary>
    public void Userhost(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        var replies = new List<string>();
        foreach (string nick in m.Params.Take(5))
        {
            if (_people.OnlineInfo(IrcNames.FromNick(nick)) is { } user)
            {
                string n = IrcNames.ToNick(user.User);
                replies.Add($"{n}={(user.Away is null ? '+' : '-')}{n}@{IrcEncoder.ServerName}");
            }
        }
        _reply.Numeric("302", string.Join(' ', replies));
    }

    private void WhoLine(string channel, OnlineUserInfo user, bool isOperator)
    {
        string nick = IrcNames.ToNick(user.User);
        // G/H away or here, * an admin (an IRC operator), @ the group's owner.
        string flags = (user.Away is not null ? "G" : "H") + (user.Role == Protocol.Messages.Roles.Admin ? "*" : "") + (isOperator ? "@" : "");
        _reply.Numeric("352", channel, nick, IrcEncoder.ServerName, IrcEncoder.ServerName, nick, flags, "0 " + user.User);
    }
}
