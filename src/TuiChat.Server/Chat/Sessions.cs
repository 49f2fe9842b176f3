using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Chat;

/// <summary>
/// Who is online here: logging sessions in and out, joining a new session to its rooms, and telling
/// a user's other sessions what one of them did. Only a user's first session and its last are news
/// to others (<c>presence</c> to its watchers, <c>joined</c>/<c>left</c> to its rooms).
/// </summary>
public sealed class Sessions : ISessions
{
    private readonly ChatCore _core;
    private readonly Memberships _memberships;

    internal Sessions(ChatCore core, Memberships memberships)
    {
        _core = core;
        _memberships = memberships;
    }

    public int OnlineCount
    {
        get
        {
            lock (_core.Sync)
            {
                return _core.Online.Count;
            }
        }
    }

    public ChatUser? FindOnline(string name)
    {
        lock (_core.Sync)
        {
            return _core.Online.GetValueOrDefault(NameRules.Key(name));
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
        if (!candidate.Registered && _core.Names is { } names && !names.TryClaim(candidate.Skeleton))
        {
            user = null;
            return Outcome.Fail(codeIfOnline, $"{candidate.Name} is online on another server");
        }
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                Outcome outcome = _core.Online.TryAdd(candidate, codeIfOnline, out user, out bool first);
                if (outcome.Ok && first)
                {
                    _core.Cluster?.Arrived(candidate);
                    if (!_core.OnlineElsewhere(candidate.Key))
                    {
                        _core.TellWatchersLocked(candidate.Key, candidate.Name, online: true, after);
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
        lock (_core.Sync)
        {
            _core.ShuttingDown = true;
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
            lock (_core.Sync)
            {
                if (_core.Online.GetValueOrDefault(user.Key) != user || !user.Sessions.Contains(session))
                {
                    return;
                }
                foreach (Room room in user.Rooms)
                {
                    after.Send(session, new MemberJoined(room.Name, room.Seq, user.Name) { Topic = room.Topic });
                }
                if (joinGeneral && !user.Rooms.Contains(_core.General))
                {
                    _memberships.EnterLocked(user, _core.General, after);
                }
                foreach (Room room in _core.Rooms.Values)
                {
                    if (room.IsMember(user) && !user.Rooms.Contains(room))
                    {
                        _memberships.EnterLocked(user, room, after);
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
            lock (_core.Sync)
            {
                if (!_core.Online.TryRemove(user, session, out bool last) || !last)
                {
                    return;
                }
                for (int i = user.Rooms.Count - 1; i >= 0; i--)
                {
                    Room room = user.Rooms[i];
                    if (!_core.ShuttingDown)
                    {
                        _core.SendRoomLocked(room, new MemberLeft(room.Name, room.NextSeq(), user.Name, reason, text), after);
                    }
                    else
                    {
                        // Nobody here needs to hear it, but the room's members on the other servers do.
                        _core.Cluster?.Publish(room, new MemberLeft(room.Name, 0, user.Name, reason, text));
                    }
                    room.Unseat(user);
                    if (!user.Registered || room.Key == ChatCore.GeneralKey)
                    {
                        // A guest's membership ends with its session; nobody may reuse the name to get in.
                        // An account's rooms and groups are remembered (but #general, which everyone joins).
                        _memberships.RemoveMemberLocked(room, user.Key);
                    }
                }
                if (user.Registered)
                {
                    _core.Persist(_core.Store.SetLastSeenAsync(user.Name, _core.Time.GetUtcNow()), user.Name);
                }
                _core.Cluster?.Release(user);
                if (!_core.ShuttingDown && !_core.OnlineElsewhere(user.Key))
                {
                    _core.TellWatchersLocked(user.Key, user.Name, online: false, after);
                }
                _core.StopWatchingLocked(user);
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
            lock (_core.Sync)
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
        lock (_core.Sync)
        {
            return [.. user.Sessions];
        }
    }

    public IReadOnlyList<ChatUser> OnlineUsers()
    {
        lock (_core.Sync)
        {
            return [.. _core.Online.Values];
        }
    }
}
