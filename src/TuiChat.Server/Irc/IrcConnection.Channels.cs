using TuiChat.Protocol;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>Channel commands: JOIN, PART, TOPIC, NAMES, WHO, WHOIS, LIST, INVITE, KICK, MODE.</summary>
public sealed partial class IrcConnection
{
    private void Join(IrcMessage m)
    {
        if (!Need(m, 1))
        {
            return;
        }
        if (m.Param(0) == "0")
        {
            foreach (string room in Services.State.RoomsOf(_user!, _user!))
            {
                Services.State.Leave(_user!, room);
            }
            return;
        }
        foreach (string channel in m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Room(channel) is not { } room)
            {
                continue;
            }
            Outcome outcome = Services.State.Join(_user!, room, out RoomView? view);
            if (!outcome.Ok)
            {
                Refuse(outcome, channel, "473");
                continue;
            }
            TopicReply(view!);
            NamesReply(view!);
            if (!_labeling)
            {
                // The next channel's JOIN is queued at once: this channel's replies go out before it.
                // (A labelled JOIN keeps its JOIN echoes among its replies, in order, in one batch.)
                Flush();
            }
        }
    }

    private void Part(IrcMessage m)
    {
        if (!Need(m, 1))
        {
            return;
        }
        string? said = m.Params.Count > 1 ? StatusText.Lenient(IrcText.StripFormatting(m.Param(1))) : null;
        foreach (string channel in m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Room(channel) is { } room && Services.State.Leave(_user!, room, said) is { Ok: false } refusal)
            {
                Refuse(refusal, channel, "442");
            }
        }
    }

    private void Topic(IrcMessage m)
    {
        if (!Need(m, 1) || Room(m.Param(0)) is not { } room)
        {
            return;
        }
        if (m.Params.Count < 2)
        {
            if (Services.State.View(_user!, room) is { } view)
            {
                TopicReply(view, always: true);
            }
            else
            {
                _reply.Numeric("403", m.Param(0), "No such channel");
            }
            return;
        }
        if (!NameRules.TryValidateLine(IrcText.StripFormatting(m.Param(1)), Commands.TopicHandler.MaxTopicBytes, out string topic, out string error))
        {
            _reply.ServerLine("FAIL", "TOPIC", "INVALID_TOPIC", error);
            return;
        }
        if (Services.State.SetTopic(_user!, room, topic) is { Ok: false } refusal)
        {
            Refuse(refusal, m.Param(0), "442");
        }
    }

    private void Names(IrcMessage m)
    {
        if (m.Params.Count == 0)
        {
            _reply.Numeric("366", "*", "End of /NAMES list");
            return;
        }
        foreach (string channel in m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IrcNames.FromChannel(channel) is { } room && Services.State.View(_user!, room) is { } view)
            {
                NamesReply(view);
            }
            else
            {
                _reply.Numeric("366", channel, "End of /NAMES list");
            }
        }
    }

    private void Who(IrcMessage m)
    {
        string mask = m.Param(0);
        if (IrcNames.FromChannel(mask) is { } room)
        {
            if (Services.State.View(_user!, room) is { } view)
            {
                foreach (string member in view.Members)
                {
                    if (Services.State.FindOnline(member) is { } online)
                    {
                        WhoLine(IrcNames.ToChannel(view.Room), online, IsOperator(view, member));
                    }
                }
            }
        }
        else if (mask.Length > 0 && Services.State.FindOnline(IrcNames.FromNick(mask)) is { } user)
        {
            WhoLine("*", user, isOperator: false);
        }
        _reply.Numeric("315", mask.Length > 0 ? mask : "*", "End of /WHO list");
    }

    private void Whois(IrcMessage m)
    {
        if (!Need(m, 1))
        {
            return;
        }
        string nick = m.Params[^1];
        if (Services.State.FindOnline(IrcNames.FromNick(nick)) is not { } user)
        {
            _reply.Numeric("401", nick, "No such nick/channel");
            _reply.Numeric("318", nick, "End of /WHOIS list");
            return;
        }
        string n = IrcNames.ToNick(user.Name);
        _reply.Numeric("311", n, n, IrcEncoder.ServerName, "*", user.Name);
        IReadOnlyList<string> rooms = Services.State.RoomsOf(_user!, user);
        if (rooms.Count > 0)
        {
            _reply.Numeric("319", n, string.Join(' ', rooms.Select(IrcNames.ToChannel)));
        }
        _reply.Numeric("312", n, IrcEncoder.ServerName, "TuiChat");
        if (Services.State.AwayText(user.Name) is { } away)
        {
            _reply.Numeric("301", n, away);
        }
        if (user.Registered)
        {
            _reply.Numeric("330", n, n, "is logged in as");
        }
        _reply.Numeric("318", n, "End of /WHOIS list");
    }

    /// <summary>ISON (irssi's /notify asks it): <c>303</c> with the nicks given that are online.</summary>
    private void Ison(IrcMessage m)
    {
        if (!Need(m, 1))
        {
            return;
        }
        IEnumerable<string> online = m.Params.SelectMany(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(nick => Services.State.FindOnline(IrcNames.FromNick(nick)) is not null);
        _reply.Numeric("303", string.Join(' ', online));
    }

    /// <summary>USERHOST: <c>302</c> with <c>nick=+nick@host</c> (<c>-</c> when away) for up to five online nicks.</summary>
    private void Userhost(IrcMessage m)
    {
        if (!Need(m, 1))
        {
            return;
        }
        var replies = new List<string>();
        foreach (string nick in m.Params.Take(5))
        {
            if (Services.State.FindOnline(IrcNames.FromNick(nick)) is { } user)
            {
                string n = IrcNames.ToNick(user.Name);
                replies.Add($"{n}={(Services.State.AwayText(user.Name) is null ? '+' : '-')}{n}@{IrcEncoder.ServerName}");
            }
        }
        _reply.Numeric("302", string.Join(' ', replies));
    }

    /// <summary>The server keeps no record of past nicks: every WHOWAS is 406 (irssi asks after a WHOIS got 401).</summary>
    private void Whowas(IrcMessage m)
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

    /// <summary>LIST, or LIST with channels and masks (<c>#a,*dev*</c>; a leading <c>!</c> excludes what matches).</summary>
    private void List(IrcMessage m)
    {
        IrcMask[] masks = [.. m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(mask => new IrcMask(mask))];
        _reply.Numeric("321", "Channel", "Users  Name");
        foreach (RoomSummary room in Services.State.ListRooms(_user!))
        {
            string channel = IrcNames.ToChannel(room.Room);
            if (masks.Length == 0 || masks.Any(mask => mask.Matches(channel)))
            {
                _reply.Numeric("322", channel, room.Members.ToString(System.Globalization.CultureInfo.InvariantCulture), room.Topic);
            }
        }
        _reply.Numeric("323", "End of /LIST");
    }

    private void Invite(IrcMessage m)
    {
        if (!Need(m, 2) || Room(m.Param(1)) is not { } room)
        {
            return;
        }
        string name = IrcNames.FromNick(m.Param(0));
        if (!NameRules.TryNormalizeUser(name, out string user, out _))
        {
            _reply.Numeric("401", m.Param(0), "No such nick/channel");
            return;
        }
        Outcome outcome = Services.State.Invite(_user!, room, user, Services.Accounts.FindRegisteredName(user));
        if (!outcome.Ok)
        {
            Refuse(outcome, m.Param(1), "482", m.Param(0));
            return;
        }
        _reply.Numeric("341", IrcNames.ToNick(user), IrcNames.ToChannel(room));
    }

    private void Kick(IrcMessage m)
    {
        if (!Need(m, 2) || Room(m.Param(0)) is not { } room)
        {
            return;
        }
        string? reason = m.Params.Count > 2 ? StatusText.Lenient(IrcText.StripFormatting(m.Param(2))) : null;
        foreach (string nick in m.Param(1).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Outcome outcome = Services.State.Kick(_user!, room, IrcNames.FromNick(nick), reason);
            if (outcome.Code == ErrorCodes.NotAMember)
            {
                _reply.Numeric("441", nick, m.Param(0), "They aren't on that channel");
            }
            else if (!outcome.Ok)
            {
                Refuse(outcome, m.Param(0), "482");
                return;
            }
        }
    }

    /// <summary>Modes are read-only: a room is +nt, a group +int (invite only); ban lists are empty.</summary>
    private void Mode(IrcMessage m)
    {
        if (!Need(m, 1))
        {
            return;
        }
        string target = m.Param(0);
        if (!IrcNames.IsChannel(target))
        {
            if (IrcNames.FromNick(target) is var name && NameRules.Key(name) != _user!.Key)
            {
                _reply.Numeric("502", "Can't change mode for other users");
                return;
            }
            _reply.Numeric("221", "+");
            return;
        }
        if (IrcNames.FromChannel(target) is not { } room || Services.State.View(_user!, room) is not { } view)
        {
            _reply.Numeric("403", target, "No such channel");
            return;
        }
        if (m.Params.Count == 1)
        {
            _reply.Numeric("324", target, view.Private ? "+int" : "+nt");
        }
        else if (m.Param(1).TrimStart('+') is "b" or "e" or "I" && m.Params.Count == 2)
        {
            // List queries (clients ask for them after a join): the lists exist and are empty.
            switch (m.Param(1).TrimStart('+'))
            {
                case "b": _reply.Numeric("368", target, "End of channel ban list"); break;
                case "e": _reply.Numeric("349", target, "End of channel exception list"); break;
                default: _reply.Numeric("347", target, "End of channel invite list"); break;
            }
        }
        else
        {
            _reply.Numeric("482", target, "Channel modes are fixed here: rooms are +nt, groups +int");
        }
    }

    /// <summary>The TuiChat room of a channel argument; answers 403 (and returns null) when it is not a valid one.</summary>
    private string? Room(string channel)
    {
        string? room = IrcNames.FromChannel(channel);
        if (room is not null && NameRules.TryValidateRoom(room, out _))
        {
            return room;
        }
        _reply.Numeric("403", channel, "No such channel");
        return null;
    }

    /// <summary>Maps a core refusal onto the numeric IRC clients expect.</summary>
    private void Refuse(Outcome outcome, string channel, string notMemberNumeric, string? nick = null)
    {
        switch (outcome.Code)
        {
            case ErrorCodes.NoSuchRoom:
                _reply.Numeric("403", channel, outcome.Message);
                break;
            case ErrorCodes.NoSuchUser:
                _reply.Numeric("401", nick ?? channel, outcome.Message);
                break;
            case ErrorCodes.NotAMember:
                _reply.Numeric(notMemberNumeric, channel, outcome.Message);
                break;
            case ErrorCodes.NotAllowed:
                _reply.Numeric("482", channel, outcome.Message);
                break;
            default:
                _reply.ServerLine("FAIL", "*", outcome.Code!.ToUpperInvariant(), outcome.Message);
                break;
        }
    }

    private void TopicReply(RoomView view, bool always = false)
    {
        string channel = IrcNames.ToChannel(view.Room);
        if (view.Topic.Length > 0)
        {
            _reply.Numeric("332", channel, view.Topic);
        }
        else if (always)
        {
            _reply.Numeric("331", channel, "No topic is set");
        }
    }

    private void NamesReply(RoomView view)
    {
        string channel = IrcNames.ToChannel(view.Room);
        var names = view.Members.Select(n => (IsOperator(view, n) ? "@" : "") + IrcNames.ToNick(n)).ToList();
        // Several 353 lines, each well under 512 bytes.
        for (int i = 0; i < names.Count; i += 20)
        {
            _reply.Numeric("353", view.Private ? "*" : "=", channel, string.Join(' ', names.Skip(i).Take(20)));
        }
        _reply.Numeric("366", channel, "End of /NAMES list");
    }

    private static bool IsOperator(RoomView view, string member) =>
        view.Private && NameRules.Key(view.Owner) == NameRules.Key(member);

    private void WhoLine(string channel, ChatUser user, bool isOperator)
    {
        string nick = IrcNames.ToNick(user.Name);
        string flags = (Services.State.AwayText(user.Name) is not null ? "G" : "H") + (isOperator ? "@" : "");
        _reply.Numeric("352", channel, nick, IrcEncoder.ServerName, IrcEncoder.ServerName, nick, flags, "0 " + user.Name);
    }
}
