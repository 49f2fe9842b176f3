using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// The one shared state of the server: online users, rooms and groups, and the message-id counter.
/// It knows no protocol: every method takes the one Monitor lock (<see cref="_sync"/>), decides,
/// and hands the domain events it causes to the recipients' links (a non-blocking append), so every
/// member of a room queues the room's events in the same order. Encoding happens later, in each
/// connection's writer; starting writers and dropping overflowed clients happen after the lock
/// (<see cref="AfterLock"/>). Group changes are handed to the store without waiting for them.
/// </summary>
public sealed partial class ChatState : ISessions, IRooms, IMessaging
{
    public const string DefaultRoom = "#general";

    private static readonly string GeneralKey = NameRules.Key(DefaultRoom);

    private readonly object _sync = new();
    private readonly OnlineUsers _online;
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IChatStore _store;
    private readonly ILogger _log;
    private readonly MessageIds _messageIds;
    private bool _shuttingDown;

    /// <param name="maxSessionsPerAccount">How many sessions one registered account may have at once (<see cref="OnlineUsers"/>).</param>
    public ChatState(TimeProvider time, IChatStore store, ILogger log, int maxSessionsPerAccount)
    {
        _online = new OnlineUsers(maxSessionsPerAccount);
        _time = time;
        _store = store;
        _log = log;
        _messageIds = new MessageIds(store);
        _rooms[NameRules.Key(DefaultRoom)] = new Room(DefaultRoom, isPrivate: false, owner: "", Conversations.Room(DefaultRoom));
        foreach (RoomRecord saved in store.LoadRooms())
        {
            Room room = _rooms.GetValueOrDefault(NameRules.Key(saved.Room))
                ?? new Room(saved.Room, isPrivate: false, owner: "", saved.Conversation) { Operator = saved.Operator, Persisted = true };
            room.Topic = saved.Topic;
            room.Persisted = true;
            foreach (string member in saved.Members)
            {
                room.Members[NameRules.Key(member)] = member;
                room.RegisteredMembers.Add(NameRules.Key(member));
            }
            _rooms[room.Key] = room;
        }
        foreach (GroupRecord group in store.LoadGroups())
        {
            var room = new Room(group.Room, isPrivate: true, owner: group.Owner, group.Conversation) { Topic = group.Topic };
            foreach (string member in group.Members)
            {
                room.Members[NameRules.Key(member)] = member;
                room.RegisteredMembers.Add(NameRules.Key(member));
            }
            _rooms[room.Key] = room;
        }
    }

    public int OnlineCount
    {
        get
        {
            lock (_sync)
            {
                return _online.Count;
            }
        }
    }

    public ChatUser? FindOnline(string name)
    {
        lock (_sync)
        {
            return _online.GetValueOrDefault(NameRules.Key(name));
        }
    }

    /// <summary>
    /// Logs in the session <paramref name="candidate"/> holds (<see cref="OnlineUsers.TryAdd"/>):
    /// <paramref name="user"/> is the user online under the name, the candidate itself or the account
    /// it is one more session of. Only a user's first session is news: the users watching the name (a
    /// direct conversation with it this session) get <c>presence</c>; those who share a room with it
    /// learn from the <c>joined</c> that follows.
    /// </summary>
    public Outcome AddUser(ChatUser candidate, string codeIfOnline, out ChatUser? user)
    {
        // Outside the lock (a round trip to Redis): a guest's name is online once in the whole cluster.
        if (!candidate.Registered && Volatile.Read(ref _names) is { } names && !names.TryClaim(candidate.Skeleton))
        {
            user = null;
            return Outcome.Fail(codeIfOnline, $"{candidate.Name} is online on another server");
        }
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                Outcome outcome = _online.TryAdd(candidate, codeIfOnline, out user, out bool first);
                if (outcome.Ok && first)
                {
                    _cluster?.Arrived(candidate);
                    if (!OnlineElsewhere(candidate.Key))
                    {
                        TellWatchersLocked(candidate.Key, candidate.Name, online: true, after);
                    }
                }
                return outcome;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// From now on users who go offline are not announced: at shutdown everyone leaves at once, and
    /// telling each of N users about the other N-1 would cost N² frames nobody will read.
    /// </summary>
    public void BeginShutdown()
    {
        lock (_sync)
        {
            _shuttingDown = true;
        }
    }

    /// <summary>
    /// Joins a freshly logged-in user to every room and group its account belongs to (remembered ones
    /// too), and to #general when asked. A later session of a user online already is told the rooms
    /// its identity is in with a <c>joined</c> of its own (the room's current <c>seq</c>; the others
    /// hear nothing, the user did not come or go).
    /// </summary>
    public void JoinDefaultRooms(ChatUser user, IClientLink session, bool joinGeneral)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                if (_online.GetValueOrDefault(user.Key) != user || !user.Sessions.Contains(session))
                {
                    return;
                }
                foreach (Room room in user.Rooms)
                {
                    after.Send(session, new MemberJoined(room.Name, room.Seq, user.Name));
                }
                if (joinGeneral && !user.Rooms.Contains(_rooms[GeneralKey]))
                {
                    EnterLocked(user, _rooms[NameRules.Key(DefaultRoom)], after);
                }
                foreach (Room room in _rooms.Values)
                {
                    if (room.IsMember(user) && !user.Rooms.Contains(room))
                    {
                        EnterLocked(user, room, after);
                    }
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// Ends the session <paramref name="session"/> of the user. Its last session takes the user
    /// offline: <c>left</c> (with what it said, <paramref name="text"/>) to every room it was in,
    /// <c>presence</c> to its watchers; an earlier one changes nothing anyone sees. Does nothing
    /// when that session has ended already.
    /// </summary>
    public void RemoveUser(ChatUser user, IClientLink session, string reason, string? text = null)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                if (!_online.TryRemove(user, session, out bool last) || !last)
                {
                    return;
                }
                for (int i = user.Rooms.Count - 1; i >= 0; i--)
                {
                    Room room = user.Rooms[i];
                    if (!_shuttingDown)
                    {
                        SendRoomLocked(room, new MemberLeft(room.Name, room.NextSeq(), user.Name, reason, text), after);
                    }
                    else
                    {
                        // Nobody here needs to hear it, but the room's members on the other servers do.
                        _cluster?.Publish(room, new MemberLeft(room.Name, 0, user.Name, reason, text));
                    }
                    room.Online.Remove(user);
                    if (!user.Registered || room.Key == GeneralKey)
                    {
                        // A guest's membership ends with its session; nobody may reuse the name to get in.
                        // An account's rooms and groups are remembered (but #general, which everyone joins).
                        RemoveMemberLocked(room, user.Key);
                    }
                }
                user.Rooms.Clear();
                if (user.Registered)
                {
                    Persist(_store.SetLastSeenAsync(user.Name, _time.GetUtcNow()), user.Name);
                }
                _cluster?.Release(user);
                if (!_shuttingDown && !OnlineElsewhere(user.Key))
                {
                    TellWatchersLocked(user.Key, user.Name, online: false, after);
                }
                user.Watching = null;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>Tells every online user <paramref name="e"/> (the shutdown notice): one event, encoded once per protocol.</summary>
    public void Broadcast(ChatEvent e)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                foreach (ChatUser user in _online.Values)
                {
                    after.Send(user, e);
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    public void TellOtherSessions(ChatUser user, IClientLink session, ChatEvent e)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                foreach (IClientLink other in user.Sessions)
                {
                    if (other != session)
                    {
                        after.Send(other, e);
                    }
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    public IReadOnlyList<IClientLink> SessionsOf(ChatUser user)
    {
        lock (_sync)
        {
            return [.. user.Sessions];
        }
    }

    public IReadOnlyList<ChatUser> OnlineUsers()
    {
        lock (_sync)
        {
            return [.. _online.Values];
        }
    }

    /// <summary>Records that two online users talked directly: each now watches the other's presence.</summary>
    private static void WatchEachOtherLocked(ChatUser a, ChatUser b)
    {
        if (a != b)
        {
            WatchLocked(a, b.Key);
            WatchLocked(b, a.Key);
        }
    }

    /// <summary><paramref name="watcher"/> talked directly with the user <paramref name="userKey"/> (maybe online on another server): it watches its presence.</summary>
    private static void WatchLocked(ChatUser watcher, string userKey)
    {
        if (watcher.Key != userKey)
        {
            (watcher.Watching ??= new HashSet<string>(StringComparer.Ordinal)).Add(userKey);
        }
    }

    /// <summary>
    /// Presence of the user <paramref name="userKey"/> to the users here watching it. A scan of the
    /// online users, most of whom watch nobody (a null check each): cheaper than the frames a
    /// broadcast would cost.
    /// </summary>
    private void TellWatchersLocked(string userKey, string name, bool online, AfterLock after)
    {
        PresenceChanged? e = null;
        foreach (ChatUser other in _online.Values)
        {
            if (other.Key != userKey && other.Watching?.Contains(userKey) == true)
            {
                after.Send(other, e ??= new PresenceChanged(name, online));
            }
        }
    }

    /// <summary>In a cluster, the user is online on another server too: its coming or going here is no news.</summary>
    private bool OnlineElsewhere(string userKey) => _cluster?.FindRemote(userKey) is not null;

    private static void SendAllLocked(List<ChatUser> users, ChatEvent e, AfterLock after)
    {
        for (int i = 0; i < users.Count; i++)
        {
            after.Send(users[i], e);
        }
    }
}
