using TuiChat.Protocol;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>Channel commands: JOIN, PART, TOPIC, NAMES, LIST, INVITE, KICK and MODE on the shared rooms and groups.</summary>
public sealed class IrcChannelCommands(IrcSession session)
{
    private readonly IrcReplies _reply = session.Reply;
    private readonly Rooms _rooms = session.Services.State.Rooms;

    public void Join(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        if (m.Param(0) == "0")
        {
            foreach (string room in _rooms.RoomsOf(session.Me, session.Me))
            {
                _rooms.Leave(session.Me, room);
            }
            return;
        }
        foreach (string channel in session.Targets(m))
        {
            if (session.Room(channel) is not { } room)
            {
                continue;
            }
            // The JOIN, topic and names come as the join's event (MemberJoined.RoomAtJoin), as they do
            // for a join the client did not ask for; a channel the client is in already gets nothing.
            Outcome outcome = _rooms.Join(session.Me, room, out _);
            if (!outcome.Ok)
            {
                session.Refuse(outcome, channel, "473");
            }
            if (!session.Connection.Labeling)
            {
                // The next channel's JOIN is queued at once: this channel's refusal goes out before it.
                // (A labelled JOIN keeps its JOIN echoes among its replies, in order, in one batch.)
                session.Connection.Flush();
            }
        }
    }

    public void Part(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        string? said = m.Params.Count > 1 ? IrcSession.StatusTextOf(m.Param(1)) : null;
        foreach (string channel in m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (session.Room(channel) is { } room && _rooms.Leave(session.Me, room, said) is { Ok: false } refusal)
            {
                session.Refuse(refusal, channel, "442");
            }
        }
    }

    public void Topic(IrcMessage m)
    {
        if (!session.Need(m, 1) || session.Room(m.Param(0)) is not { } room)
        {
            return;
        }
        if (m.Params.Count < 2)
        {
            if (_rooms.View(session.Me, room) is { } view)
            {
                IrcChannelReplies.Topic(_reply, view, always: true);
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
        if (_rooms.SetTopic(session.Me, room, topic) is { Ok: false } refusal)
        {
            session.Refuse(refusal, m.Param(0), "442");
        }
    }

    public void Names(IrcMessage m)
    {
        if (m.Params.Count == 0)
        {
            _reply.Numeric("366", "*", "End of /NAMES list");
            return;
        }
        foreach (string channel in session.Targets(m))
        {
            if (IrcNames.FromChannel(channel) is { } room && _rooms.View(session.Me, room) is { } view)
            {
                IrcChannelReplies.Names(_reply, view);
            }
            else
            {
                _reply.Numeric("366", channel, "End of /NAMES list");
            }
        }
    }

    /// <summary>LIST, or LIST with channels and masks (<c>#a,*dev*</c>; a leading <c>!</c> excludes what matches).</summary>
    public void List(IrcMessage m)
    {
        IrcMask[] masks = [.. m.Param(0).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(mask => new IrcMask(mask))];
        _reply.Numeric("321", "Channel", "Users  Name");
        foreach (RoomSummary room in _rooms.ListRooms(session.Me))
        {
            string channel = IrcNames.ToChannel(room.Room);
            if (masks.Length == 0 || masks.Any(mask => mask.Matches(channel)))
            {
                _reply.Numeric("322", channel, room.Members.ToString(System.Globalization.CultureInfo.InvariantCulture), room.Topic);
            }
        }
        _reply.Numeric("323", "End of /LIST");
    }

    public void Invite(IrcMessage m)
    {
        if (!session.Need(m, 2) || session.Room(m.Param(1)) is not { } room)
        {
            return;
        }
        string name = IrcNames.FromNick(m.Param(0));
        if (!NameRules.TryNormalizeUser(name, out string user, out _))
        {
            _reply.Numeric("401", m.Param(0), "No such nick/channel");
            return;
        }
        // The core takes inviting a member as done (nothing to do); IRC clients are told so (443).
        bool member = _rooms.View(session.Me, room)?.Members.Any(name => NameRules.Key(name) == NameRules.Key(user)) == true;
        Outcome outcome = _rooms.Invite(session.Me, room, user, session.Services.Accounts.FindRegisteredName(user));
        if (!outcome.Ok)
        {
            session.Refuse(outcome, m.Param(1), "482", m.Param(0));
        }
        else if (member)
        {
            _reply.Numeric("443", IrcNames.ToNick(user), IrcNames.ToChannel(room), "is already on channel");
        }
        else
        {
            _reply.Numeric("341", IrcNames.ToNick(user), IrcNames.ToChannel(room));
        }
    }

    public void Kick(IrcMessage m)
    {
        if (!session.Need(m, 2) || session.Room(m.Param(0)) is not { } room)
        {
            return;
        }
        string? reason = m.Params.Count > 2 ? IrcSession.StatusTextOf(m.Param(2)) : null;
        foreach (string nick in m.Param(1).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Outcome outcome = _rooms.Kick(session.Me, room, IrcNames.FromNick(nick), reason);
            if (outcome.Code == ErrorCodes.NotAMember)
            {
                _reply.Numeric("441", nick, m.Param(0), "They aren't on that channel");
            }
            else if (!outcome.Ok)
            {
                session.Refuse(outcome, m.Param(0), "482");
                return;
            }
        }
    }

    /// <summary>
    /// Channel modes are read-only (a user's own: <see cref="IrcUserCommands.Mode"/>): a room is
    /// +nt (only its operator sets the topic), a group +in (invite only; any member sets its topic,
    /// so no t); ban lists are empty.
    /// </summary>
    public void Mode(IrcMessage m)
    {
        if (!session.Need(m, 1))
        {
            return;
        }
        string target = m.Param(0);
        if (IrcNames.FromChannel(target) is not { } room || _rooms.View(session.Me, room) is not { } view)
        {
            _reply.Numeric("403", target, "No such channel");
            return;
        }
        if (m.Params.Count == 1)
        {
            _reply.Numeric("324", target, view.Private ? "+in" : "+nt");
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
            _reply.Numeric("482", target, "Channel modes are fixed here: rooms are +nt, groups +in");
        }
    }
}
