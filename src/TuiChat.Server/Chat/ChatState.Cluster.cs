using TuiChat.Protocol;
using LeftReasons = TuiChat.Protocol.Messages.LeftReasons;

namespace TuiChat.Server.Chat;

/// <summary>
/// The core's side of a cluster (<c>--redis</c>): room lines the cluster delivers in their stored
/// order, and joins, leaves and topics decided on other servers. Without a cluster none of this runs.
/// </summary>
public sealed partial class ChatState
{
    private IClusterLink? _cluster;
    private INameClaims? _names;

    /// <summary>Set once at start, before any client connects: from now on room lines are delivered by the cluster.</summary>
    public void JoinCluster(IClusterLink cluster, INameClaims names)
    {
        lock (_sync)
        {
            _cluster = cluster;
            _names = names;
        }
    }

    /// <summary>
    /// A committed line (or file offer) of a room, delivered here by the cluster in the room's stored
    /// order, to this server's online members of that room (the same identity: a room of the same name
    /// that began later is not it).
    /// </summary>
    public void DeliverToRoom(string roomName, string conversation, long msgId, ChatEvent e)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                // Its id came from the database, maybe above anything this server numbered: a `read` of it is valid here.
                _messageIds.Saw(msgId);
                if (_rooms.TryGetValue(NameRules.Key(roomName), out Room? room) && room.Conversation == conversation)
                {
                    SendAllLocked(room.Online, e, after);
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// A join, leave or topic decided on another server: this server's members of the
    /// room see it, and the member list follows. A room or group this server has not seen yet begins
    /// here with the other server's identity (a group with its owner); a user of this server invited
    /// into a group there is in it here at once, as on one server. Nothing is stored: the deciding
    /// server did that.
    /// </summary>
    public void ApplyRemote(RemoteRoomChange change)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                string key = NameRules.Key(change.Room);
                if (!_rooms.TryGetValue(key, out Room? room))
                {
                    if (change.Kind != RemoteChangeKind.Joined)
                    {
                        return;
                    }
                    bool isGroup = change.Room[0] == NameRules.GroupPrefix;
                    room = new Room(change.Room, isPrivate: isGroup, owner: isGroup ? change.Owner ?? "" : "", change.Conversation);
                    _rooms[key] = room;
                }
                if (room.Conversation != change.Conversation)
                {
                    return;
                }
                switch (change.Kind)
                {
                    case RemoteChangeKind.Joined:
                        ApplyRemoteJoinLocked(room, change, after);
                        break;
                    case RemoteChangeKind.Left:
                        ApplyRemoteLeaveLocked(room, change, after);
                        break;
                    case RemoteChangeKind.Topic:
                        room.Topic = change.Detail;
                        SendAllLocked(room.Online, new TopicChanged(room.Name, room.NextSeq(), change.Detail, change.User), after);
                        break;
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    private void ApplyRemoteJoinLocked(Room room, RemoteRoomChange change, AfterLock after)
    {
        string userKey = NameRules.Key(change.User);
        room.Members[userKey] = change.User;
        if (change.Registered)
        {
            room.RegisteredMembers.Add(userKey);
        }
        else if (change.Identity is not null)
        {
            room.GuestIdentities[userKey] = change.Identity;
        }
        if (room.IsPrivate && _online.GetValueOrDefault(userKey) is { } invitee && change.IsAbout(invitee) && !invitee.Rooms.Contains(room))
        {
            // Invited on another server while online here (InviteLocked's online case), or the group's
            // creator with a session here too (no invitation: it entered by itself).
            if (change.Detail.Length > 0)
            {
                after.Send(invitee, new InvitedToGroup(room.Name, change.Detail, invitee.Name));
            }
            if (room.Online.Count == 0)
            {
                _cluster?.Watch(room.Conversation);
            }
            room.Online.Add(invitee);
            invitee.Rooms.Add(room);
        }
        SendAllLocked(room.Online, new MemberJoined(room.Name, room.NextSeq(), change.User), after);
    }

    /// <summary>
    /// As on one server, a leave or a kick ends the membership, and so does the end of a guest's
    /// session (or anyone's, for #general); an account's other rooms and groups are remembered. All of
    /// it by identity: a guest here who took the name of the one who left keeps what is its own.
    /// </summary>
    private void ApplyRemoteLeaveLocked(Room room, RemoteRoomChange change, AfterLock after)
    {
        string userKey = NameRules.Key(change.User);
        bool kicked = change.Detail == LeftReasons.Kick;
        bool leftForGood = kicked || change.Detail == LeftReasons.Leave;
        SendAllLocked(room.Online, new MemberLeft(room.Name, room.NextSeq(), change.User, change.Detail), after);
        ChatUser? here = room.Online.Find(u => u.Key == userKey);
        bool same = here is not null && change.IsAbout(here);
        if (same && leftForGood)
        {
            // Left or kicked on another server while in the room here too (an account's other
            // session): out of it here too, as on one server.
            room.Online.Remove(here!);
            here!.Rooms.Remove(room);
        }
        bool membershipEnds = kicked || change.Detail == LeftReasons.Leave || !change.Registered || room.Key == GeneralKey;
        if (membershipEnds && change.Owner is { } next)
        {
            // Before anyone here hears of the leave: the new owner may act on it at once.
            room.Owner = next;
        }
        if (membershipEnds && room.HoldsMembership(userKey, change.Registered, change.Identity) && (!same || leftForGood))
        {
            room.DropMember(userKey, out _);
        }
        if (room.Members.Count == 0 && room.Key != GeneralKey)
        {
            _rooms.Remove(room.Key);
        }
    }

    /// <summary>
    /// A direct message stored on another server, to this server's sessions of its recipient and of
    /// its sender (an account's other sessions see what it sent), each only as the identity the
    /// conversation belongs to.
    /// </summary>
    public void DeliverDirect(MessagePosted e, string conversation)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                _messageIds.Saw(e.MsgId);
                ChatUser? recipient = _online.GetValueOrDefault(NameRules.Key(e.To));
                ChatUser? sender = _online.GetValueOrDefault(NameRules.Key(e.From));
                foreach (ChatUser? user in (ReadOnlySpan<ChatUser?>)[recipient, sender == recipient ? null : sender])
                {
                    if (user is not null && Storage.Conversations.IsDirectOf(conversation, user.Identity))
                    {
                        after.Send(user, e);
                        // As on one server, the two who talked watch each other's presence.
                        WatchLocked(user, NameRules.Key(user == recipient ? e.From : e.To));
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
    /// The user <paramref name="name"/> came online on another server while online on none, or went
    /// offline on the last one: the users here watching it are told, unless it is online here.
    /// </summary>
    public void RemotePresence(string name, bool online)
    {
        string key = NameRules.Key(name);
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                if (!_online.TryGetValue(key, out _))
                {
                    TellWatchersLocked(key, name, online, after);
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// A user no longer online anywhere else (its server died): as a guest it leaves the rooms it was
    /// in here (by its identity: a guest here may hold the name by now), and unless it is online here
    /// its watchers here are told. The store keeps an account's memberships; it rejoins at its next login.
    /// </summary>
    public void ForgetRemote(RemoteUser user)
    {
        string key = NameRules.Key(user.Name);
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_sync)
            {
                if (!_online.TryGetValue(key, out _))
                {
                    TellWatchersLocked(key, user.Name, online: false, after);
                }
                foreach (Room room in _rooms.Values.ToList())
                {
                    if (!user.Registered && room.HoldsMembership(key, registered: false, user.Identity))
                    {
                        string member = room.Members[key];
                        room.DropMember(key, out _);
                        SendAllLocked(room.Online, new MemberLeft(room.Name, room.NextSeq(), member, LeftReasons.Disconnect), after);
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
    /// In a cluster, the identity of a public room this server does not have yet: the one another
    /// server began it with, or a new one that the others will use. Outside the lock (a round trip to Redis).
    /// </summary>
    /// <param name="begunElsewhere">True when another server began the room (its identity is not the one proposed here).</param>
    private string? ClusterRoomIdentity(string roomName, out bool begunElsewhere)
    {
        begunElsewhere = false;
        IClusterLink? cluster = Volatile.Read(ref _cluster);
        if (cluster is null || roomName[0] == NameRules.GroupPrefix)
        {
            return null;
        }
        lock (_sync)
        {
            if (_rooms.ContainsKey(NameRules.Key(roomName)))
            {
                return null;
            }
        }
        string proposed = Identities.NewRoom(roomName);
        string identity = cluster.RoomIdentity(NameRules.Key(roomName), proposed);
        begunElsewhere = identity != proposed;
        return identity;
    }

    /// <summary>The public rooms with a member online here, as (key, identity): the cluster keeps their identities alive.</summary>
    public IReadOnlyList<(string Key, string Conversation)> PublicRoomsHere()
    {
        lock (_sync)
        {
            return [.. _rooms.Values.Where(r => !r.IsPrivate && r.Online.Count > 0).Select(r => (r.Key, r.Conversation))];
        }
    }

    /// <summary>The rooms and groups with a member online here (by identity): the ones whose lines the cluster delivers here.</summary>
    public IReadOnlySet<string> ConversationsWithMembersHere()
    {
        lock (_sync)
        {
            return _rooms.Values.Where(r => r.Online.Count > 0).Select(r => r.Conversation).ToHashSet(StringComparer.Ordinal);
        }
    }

    /// <summary>A room event to this server's members of the room, and (in a cluster) to the other servers'.</summary>
    private void SendRoomLocked(Room room, RoomEvent e, AfterLock after)
    {
        SendAllLocked(room.Online, e, after);
        _cluster?.Publish(room, e);
    }
}
