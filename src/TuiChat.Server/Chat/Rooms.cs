using TuiChat.Protocol;
using TuiChat.Server.Storage;
using LeftReasons = TuiChat.Protocol.Messages.LeftReasons;
using Roles = TuiChat.Protocol.Messages.Roles;

namespace TuiChat.Server.Chat;

/// <summary>Rooms and groups: joining, leaving, creating, inviting, kicking, topics and listings.</summary>
public sealed class Rooms : IRooms
{
    private readonly ChatCore _core;
    private readonly Memberships _memberships;

    internal Rooms(ChatCore core, Memberships memberships)
    {
        _core = core;
        _memberships = memberships;
    }

    public Outcome Join(ChatUser user, string roomName, out RoomView? view)
    {
        view = null;
        string? clusterIdentity = ClusterRoomIdentity(roomName, out bool begunElsewhere);
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                if (!_core.Rooms.TryGetValue(NameRules.Key(roomName), out Room? room))
                {
                    if (roomName[0] == NameRules.GroupPrefix)
                    {
                        return Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no group {roomName}");
                    }
                    // A new room is a new identity: the history of an ended room with this name stays out of reach.
                    // Its creator is its operator; a room another server of the cluster began has its
                    // operator there, and the first to join it here is not one (its topics and kicks
                    // would reach the whole cluster).
                    room = new Room(roomName, isPrivate: false, owner: "", clusterIdentity ?? Identities.NewRoom(roomName)) { Operator = begunElsewhere ? "" : user.Identity };
                    _core.Rooms[room.Key] = room;
                }
                if (room.IsPrivate && !room.IsMember(user))
                {
                    return Outcome.Fail(ErrorCodes.NotAMember, $"{room.Name} is a private group; ask its owner for an invitation");
                }
                view = user.Rooms.Contains(room) ? Memberships.ViewLocked(room) : _memberships.EnterLocked(user, room, after);
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    public Outcome Leave(ChatUser user, string roomName, string? text = null)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                if (!_memberships.TryGetJoinedLocked(user, roomName, out Room? room, out Outcome refusal))
                {
                    return refusal;
                }
                _core.SendRoomLocked(room, new MemberLeft(room.Name, room.NextSeq(), user.Name, LeftReasons.Leave, text), after);
                room.Unseat(user);
                _memberships.RemoveMemberLocked(room, user.Key);
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// Creates a room; a private one gets <paramref name="invitees"/> as members. Each invitee is
    /// (name, registered account name or null); one that is neither online nor registered refuses the whole create.
    /// </summary>
    public Outcome Create(ChatUser user, string roomName, bool isPrivate, IReadOnlyList<(string Name, string? Account)> invitees, out RoomView? view)
    {
        view = null;
        isPrivate |= roomName[0] == NameRules.GroupPrefix;
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                string key = NameRules.Key(roomName);
                if (_core.Rooms.ContainsKey(key))
                {
                    return Outcome.Fail(ErrorCodes.NotAllowed, $"{roomName} exists already");
                }
                if (!isPrivate && roomName[0] == NameRules.RoomPrefix)
                {
                    return Join(user, roomName, out view);
                }

                var resolved = new List<(string Name, ChatUser? Online, bool Registered)>();
                foreach ((string name, string? account) in invitees)
                {
                    if (!_memberships.TryResolveInviteeLocked(name, account, out string member, out ChatUser? online, out bool registered))
                    {
                        return Outcome.Fail(ErrorCodes.NoSuchUser, $"there is no user {name}");
                    }
                    resolved.Add((member, online, registered));
                }

                var room = new Room(roomName, isPrivate: true, owner: user.Name, Identities.NewRoom(roomName));
                _core.Rooms[key] = room;
                _memberships.AddMemberLocked(room, user.Name, user.Registered, user.Identity);
                _memberships.EnterLocked(user, room, after);
                foreach ((string name, ChatUser? online, bool registered) in resolved)
                {
                    _memberships.InviteLocked(room, name, online, registered, user.Name, after);
                }
                view = Memberships.ViewLocked(room);
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>Adds <paramref name="target"/> to a group; for its owner or an admin. Logged, from whichever door, once the lock is released.</summary>
    public Outcome Invite(ChatUser user, string roomName, string target, string? account)
    {
        AfterLock after = AfterLock.Enter();
        string? invitedTo = null;
        try
        {
            lock (_core.Sync)
            {
                if (!_memberships.TryGetManagedGroupLocked(user, roomName, out Room? room, out Outcome refusal))
                {
                    return refusal;
                }
                if (!_memberships.TryResolveInviteeLocked(target, account, out string member, out ChatUser? online, out bool registered))
                {
                    return Outcome.Fail(ErrorCodes.NoSuchUser, $"there is no user {target}");
                }
                invitedTo = room.Name;
                if (room.IsMember(NameRules.Key(target)))
                {
                    return Outcome.Success;
                }
                _memberships.InviteLocked(room, member, online, registered, user.Name, after);
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
            if (invitedTo is not null)
            {
                _core.Log.Information("{User} invited {Target} to {Room}", user.Name, target, invitedTo);
            }
        }
    }

    /// <summary>
    /// Removes <paramref name="target"/> from a room or group; for its operator (<see cref="Room.MayOperate"/>)
    /// or an admin. Logged, from whichever door, once the lock is released.
    /// </summary>
    public Outcome Kick(ChatUser user, string roomName, string target, string? text = null)
    {
        AfterLock after = AfterLock.Enter();
        (string Target, string Room)? logged = null;
        try
        {
            lock (_core.Sync)
            {
                if (!_memberships.TryGetOperatedRoomLocked(user, roomName, out Room? room, out Outcome refusal))
                {
                    return refusal;
                }
                string targetKey = NameRules.Key(target);
                if (!room.Members.TryGetValue(targetKey, out string? targetName))
                {
                    return Outcome.Fail(ErrorCodes.NotAMember, $"{target} is not in {room.Name}");
                }
                _core.SendRoomLocked(room, new MemberLeft(room.Name, room.NextSeq(), targetName, LeftReasons.Kick, text, user.Name), after);
                if (_core.Online.TryGetValue(targetKey, out ChatUser? kicked))
                {
                    room.Unseat(kicked);
                }
                _memberships.RemoveMemberLocked(room, targetKey);
                logged = (targetName, room.Name);
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
            if (logged is { } kick)
            {
                _core.Log.Information("{User} kicked {Target} from {Room}", user.Name, kick.Target, kick.Room);
            }
        }
    }

    /// <summary>A group's members may set its topic; a public room's only its operator; an admin any room's.</summary>
    public Outcome SetTopic(ChatUser user, string roomName, string topic)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                if (!_memberships.TryGetJoinedLocked(user, roomName, out Room? room, out Outcome refusal)
                    && !(user.IsAdmin && _core.Rooms.TryGetValue(NameRules.Key(roomName), out room)))
                {
                    return refusal;
                }
                if (!room.IsPrivate && !room.MayOperate(user))
                {
                    return Outcome.Fail(ErrorCodes.NotAllowed, $"only the operator of {room.Name} or an admin may set its topic");
                }
                room.Topic = topic;
                _core.SendRoomLocked(room, new TopicChanged(room.Name, room.NextSeq(), topic, user.Name), after);
                if (room.IsPrivate)
                {
                    _memberships.SaveGroupLocked(room);
                }
                else
                {
                    _memberships.SavePublicRoomLocked(room);
                }
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    public RoomView? View(ChatUser user, string roomName)
    {
        lock (_core.Sync)
        {
            return _core.Rooms.TryGetValue(NameRules.Key(roomName), out Room? room) && (!room.IsPrivate || room.IsMember(user) || user.IsAdmin)
                ? Memberships.ViewLocked(room)
                : null;
        }
    }

    /// <summary>Public rooms and the caller's groups, by name.</summary>
    public IReadOnlyList<RoomSummary> ListRooms(ChatUser user)
    {
        lock (_core.Sync)
        {
            var rooms = new List<RoomSummary>();
            foreach (Room room in _core.Rooms.Values)
            {
                if (!room.IsPrivate || room.IsMember(user))
                {
                    rooms.Add(new RoomSummary(room.Name, room.Members.Count, room.IsPrivate, room.Topic));
                }
            }
            rooms.Sort((a, b) => string.CompareOrdinal(a.Room, b.Room));
            return rooms;
        }
    }

    /// <summary>All online users (in a cluster: on every server), or the members of a room the caller may see.</summary>
    public Outcome ListUsers(ChatUser user, string? roomName, out IReadOnlyList<MemberInfo> users)
    {
        var list = new List<MemberInfo>();
        users = list;
        lock (_core.Sync)
        {
            if (roomName is null)
            {
                foreach (ChatUser online in _core.Online.Values)
                {
                    list.Add(new MemberInfo(online.Name, online.Role, Online: true, online.Away));
                }
                foreach (RemoteUser remote in _core.Cluster?.RemoteOnline() ?? [])
                {
                    if (!_core.Online.TryGetValue(NameRules.Key(remote.Name), out _))
                    {
                        list.Add(new MemberInfo(remote.Name, remote.Role, Online: true, remote.Away));
                    }
                }
            }
            else
            {
                if (!_core.Rooms.TryGetValue(NameRules.Key(roomName), out Room? room))
                {
                    return Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no room {roomName}");
                }
                if (room.IsPrivate && !room.IsMember(user) && !user.IsAdmin)
                {
                    return Outcome.Fail(ErrorCodes.NotAMember, $"you are not in {room.Name}");
                }
                foreach ((string key, string name) in room.Members)
                {
                    ChatUser? online = _core.Online.GetValueOrDefault(key);
                    string role = online?.Role ?? (key == Accounts.AccountService.AdminKey ? Roles.Admin : Roles.User);
                    // A member online on another server of a cluster is online too.
                    RemoteUser? remote = online is null ? _core.Cluster?.FindRemote(key) : null;
                    list.Add(new MemberInfo(name, role, online is not null || remote is not null, online?.Away ?? remote?.Away));
                }
            }
        }
        list.Sort((a, b) => string.Compare(a.User, b.User, StringComparison.OrdinalIgnoreCase));
        return Outcome.Success;
    }

    public IReadOnlyList<string> RoomsOf(ChatUser viewer, ChatUser user)
    {
        lock (_core.Sync)
        {
            return [.. user.Rooms.Where(r => !r.IsPrivate || r.IsMember(viewer)).Select(r => r.Name)];
        }
    }

    /// <summary>
    /// The history key of the room or group <paramref name="roomName"/> as it is now, when
    /// <paramref name="user"/> is a member (and so may read it); null otherwise.
    /// </summary>
    public string? ReadableConversation(ChatUser user, string roomName)
    {
        lock (_core.Sync)
        {
            return _core.Rooms.TryGetValue(NameRules.Key(roomName), out Room? room) && room.IsMember(user) ? room.Conversation : null;
        }
    }

    /// <summary>
    /// In a cluster, the identity of a public room this server does not have yet: the one another
    /// server began it with, or a new one that the others will use. Outside the lock (a round trip to Redis).
    /// </summary>
    /// <param name="begunElsewhere">True when another server began the room (its identity is not the one proposed here).</param>
    private string? ClusterRoomIdentity(string roomName, out bool begunElsewhere)
    {
        begunElsewhere = false;
        IClusterLink? cluster = _core.Cluster;
        if (cluster is null || roomName[0] == NameRules.GroupPrefix)
        {
            return null;
        }
        lock (_core.Sync)
        {
            if (_core.Rooms.ContainsKey(NameRules.Key(roomName)))
            {
                return null;
            }
        }
        string proposed = Identities.NewRoom(roomName);
        string identity = cluster.RoomIdentity(NameRules.Key(roomName), proposed);
        begunElsewhere = identity != proposed;
        return identity;
    }
}
