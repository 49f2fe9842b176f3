using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>Who a user is to others (away, whois) and which conversations it belongs to (read state, search).</summary>
public sealed class People : IPeople
{
    private readonly ChatCore _core;

    internal People(ChatCore core) => _core = core;

    /// <summary>
    /// Marks <paramref name="user"/> away with <paramref name="text"/>, or back when null
    /// (<see cref="TellAwayLocked"/> says who is told), and in a cluster tells the other servers.
    /// </summary>
    public void SetAway(ChatUser user, string? text)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                if (_core.Online.GetValueOrDefault(user.Key) != user)
                {
                    return;
                }
                user.Away = text;
                _core.Cluster?.Away(user, text);
                TellAwayLocked(user.Key, user.Name, text, user, after);
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// The user <paramref name="name"/> went away or came back on another server: told here as
    /// <see cref="SetAway"/> tells it; an account online here too is away here as well.
    /// </summary>
    public void RemoteAway(string name, string? text)
    {
        string key = NameRules.Key(name);
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                ChatUser? here = _core.Online.GetValueOrDefault(key);
                if (here is not null)
                {
                    here.Away = text;
                }
                TellAwayLocked(key, name, text, here, after);
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>The away text of the online user <paramref name="name"/> (here or on another server); null when it is present or offline.</summary>
    public string? AwayText(string name)
    {
        string key = NameRules.Key(name);
        lock (_core.Sync)
        {
            return _core.Online.TryGetValue(key, out ChatUser? user) ? user.Away : _core.Cluster?.FindRemote(key)?.Away;
        }
    }

    /// <summary>The online user's facts for <c>whois</c> (here or on another server), or null when <paramref name="name"/> is offline.</summary>
    public OnlineUserInfo? OnlineInfo(string name)
    {
        string key = NameRules.Key(name);
        lock (_core.Sync)
        {
            if (_core.Online.TryGetValue(key, out ChatUser? user))
            {
                return new OnlineUserInfo(user.Name, user.Role, user.Registered, user.Away);
            }
            return _core.Cluster?.FindRemote(key) is { } remote ? new OnlineUserInfo(remote.Name, remote.Role, remote.Registered, remote.Away) : null;
        }
    }

    /// <summary>
    /// An away change of the user <paramref name="userKey"/> to itself (<paramref name="self"/>, when
    /// online here), to everyone here sharing a room with it and to those here who talked to it
    /// directly: the people whose lists show it (a broadcast to everyone would cost N frames per change).
    /// </summary>
    private void TellAwayLocked(string userKey, string name, string? text, ChatUser? self, AfterLock after)
    {
        var e = new AwayChanged(name, text);
        var told = new HashSet<ChatUser>();
        if (self is not null)
        {
            told.Add(self);
            after.Send(self, e);
        }
        foreach (Room room in _core.Rooms.Values)
        {
            if (!room.IsMember(userKey))
            {
                continue;
            }
            foreach (ChatUser member in room.Online)
            {
                if (told.Add(member))
                {
                    after.Send(member, e);
                }
            }
        }
        foreach (ChatUser watcher in _core.WatchersOfLocked(userKey))
        {
            if (told.Add(watcher))
            {
                after.Send(watcher, e);
            }
        }
    }

    /// <summary>The rooms and groups both <paramref name="viewer"/> and the user <paramref name="name"/> are members of, by name.</summary>
    public IReadOnlyList<string> RoomsInCommon(ChatUser viewer, string name)
    {
        string key = NameRules.Key(name);
        lock (_core.Sync)
        {
            var rooms = _core.Rooms.Values.Where(r => r.IsMember(key) && r.IsMember(viewer)).Select(r => r.Name).ToList();
            rooms.Sort(StringComparer.Ordinal);
            return rooms;
        }
    }

    /// <summary>
    /// The rooms and groups <paramref name="user"/> is a member of (remembered ones too) with their
    /// history keys, by name; #general too when <paramref name="withGeneral"/> (a login joins it next).
    /// </summary>
    public IReadOnlyList<MemberConversation> ConversationsOf(ChatUser user, bool withGeneral)
    {
        lock (_core.Sync)
        {
            var list = new List<MemberConversation>();
            foreach (Room room in _core.Rooms.Values)
            {
                if (room.IsMember(user) || (withGeneral && room.Key == ChatCore.GeneralKey))
                {
                    list.Add(new MemberConversation(room.Name, room.IsPrivate ? ConversationKind.Group : ConversationKind.Room, room.Conversation));
                }
            }
            list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return list;
        }
    }
}
