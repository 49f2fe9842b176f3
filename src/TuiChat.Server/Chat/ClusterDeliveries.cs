using TuiChat.Protocol;
using TuiChat.Server.Storage;
using LeftReasons = TuiChat.Protocol.Messages.LeftReasons;

namespace TuiChat.Server.Chat;

/// <summary>
/// The core's side of a cluster (<c>--redis</c>): room lines the cluster delivers in their stored
/// order, and joins, leaves and topics decided on other servers. Without a cluster none of this runs.
/// </summary>
public sealed class ClusterDeliveries
{
    private readonly ChatCore _core;

    internal ClusterDeliveries(ChatCore core) => _core = core;

    /// <summary>Set once at start, before any client connects: from now on room lines are delivered by the cluster.</summary>
    public void JoinCluster(IClusterLink cluster, INameClaims names) => _core.JoinCluster(cluster, names);

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
            lock (_core.Sync)
            {
                // Its id came from the database, maybe above anything this server numbered: a `read` of it is valid here.
                _core.MessageIds.Saw(msgId);
                if (_core.Rooms.TryGetValue(NameRules.Key(roomName), out Room? room) && room.Conversation == conversation)
                {
                    ChatCore.SendAllLocked(room, e, after);
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
            lock (_core.Sync)
            {
                string key = NameRules.Key(change.Room);
                if (!_core.Rooms.TryGetValue(key, out Room? room))
                {
                    if (change.Kind != RemoteChangeKind.Joined)
                    {
                        return;
                    }
                    bool isGroup = change.Room[0] == NameRules.GroupPrefix;
                    room = new Room(change.Room, isPrivate: isGroup, owner: isGroup ? change.Owner ?? "" : "", change.Conversation);
                    _core.Rooms[key] = room;
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
                        ChatCore.SendAllLocked(room, new TopicChanged(room.Name, room.NextSeq(), change.Detail, change.User), after);
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
        room.AddMember(change.User, change.Registered, change.Identity);
        var joined = new MemberJoined(room.Name, room.NextSeq(), change.User, change.Away);
        // Invited on another server while online here (InviteLocked's online case), or the group's
        // creator with a session here too (no invitation: it entered by itself). As on one server,
        // the members are told first and the invitee's sessions then get their own copy.
        ChatUser? invitee = room.IsPrivate && _core.Online.GetValueOrDefault(NameRules.Key(change.User)) is { } online
            && change.IsAbout(online) && !online.Rooms.Contains(room) ? online : null;
        if (invitee is not null && change.Detail.Length > 0)
        {
            after.Send(invitee, new InvitedToGroup(room.Name, change.Detail, invitee.Name));
        }
        ChatCore.SendAllLocked(room, joined, after);
        if (invitee is not null)
        {
            _core.SeatJoinerLocked(invitee, room, joined, after);
        }
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
        ChatCore.SendAllLocked(room, new MemberLeft(room.Name, room.NextSeq(), change.User, change.Detail, change.Text, change.By), after);
        ChatUser? here = room.Online.FirstOrDefault(u => u.Key == userKey);
        bool same = here is not null && change.IsAbout(here);
        if (same && leftForGood)
        {
            // Left or kicked on another server while in the room here too (an account's other
            // session): out of it here too, as on one server.
            room.Unseat(here!);
        }
        bool membershipEnds = kicked || change.Detail == LeftReasons.Leave || !change.Registered || room.Key == ChatCore.GeneralKey;
        if (membershipEnds && change.Owner is { } next)
        {
            // Before anyone here hears of the leave: the new owner may act on it at once.
            room.Owner = next;
        }
        if (membershipEnds && room.HoldsMembership(userKey, change.Registered, change.Identity) && (!same || leftForGood))
        {
            room.DropMember(userKey, out _);
        }
        if (room.Members.Count == 0 && room.Key != ChatCore.GeneralKey)
        {
            _core.Rooms.Remove(room.Key);
        }
    }

    /// <summary>
    /// A stored direct message or file offer (<paramref name="e"/>, the event of <paramref name="line"/>,
    /// from this server or another), delivered by the cluster in its conversation's order to this server's sessions of its recipient and of its sender (an account's
    /// other sessions see what it sent), each only as the identity the conversation belongs to.
    /// </summary>
    /// <returns>True when a live session of the recipient here got it.</returns>
    public bool DeliverDirect(ChatEvent e, StoredMessage line)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                // Its id came from the database, maybe above anything this server numbered: a `read` of it is valid here.
                _core.MessageIds.Saw(line.MsgId);
                ChatUser? recipient = _core.Online.GetValueOrDefault(NameRules.Key(line.To));
                ChatUser? sender = _core.Online.GetValueOrDefault(NameRules.Key(line.From));
                bool live = false;
                foreach (ChatUser? user in (ReadOnlySpan<ChatUser?>)[recipient, sender == recipient ? null : sender])
                {
                    if (user is not null && Conversations.IsDirectOf(line.Conversation, user.Identity))
                    {
                        after.Send(user, e);
                        live |= user == recipient && user.HasLiveSession;
                        // As on one server, the two who talked watch each other's presence.
                        _core.WatchLocked(user, NameRules.Key(user == recipient ? line.From : line.To));
                    }
                }
                return live;
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
            lock (_core.Sync)
            {
                if (!_core.Online.TryGetValue(key, out _))
                {
                    _core.TellWatchersLocked(key, name, online, after);
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
            lock (_core.Sync)
            {
                if (!_core.Online.TryGetValue(key, out _))
                {
                    _core.TellWatchersLocked(key, user.Name, online: false, after);
                }
                foreach (Room room in _core.Rooms.Values.ToList())
                {
                    if (!user.Registered && room.HoldsMembership(key, registered: false, user.Identity))
                    {
                        string member = room.Members[key];
                        room.DropMember(key, out _);
                        ChatCore.SendAllLocked(room, new MemberLeft(room.Name, room.NextSeq(), member, LeftReasons.Disconnect), after);
                    }
                }
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>Which guests online here are members of which groups: a server that starts later knows only the accounts (the database has no guests).</summary>
    public IReadOnlyList<GuestMembership> GuestGroupMemberships()
    {
        lock (_core.Sync)
        {
            return [.. _core.Online.Values.Where(u => !u.Registered).SelectMany(guest => _core.Rooms.Values
                .Where(r => r.IsPrivate && r.IsMember(guest))
                .Select(r => new GuestMembership(r.Name, r.Conversation, r.Owner, guest.Name, guest.Identity)))];
        }
    }

    /// <summary>The public rooms with a member online here, as (key, identity): the cluster keeps their identities alive.</summary>
    public IReadOnlyList<(string Key, string Conversation)> PublicRoomsHere()
    {
        lock (_core.Sync)
        {
            return [.. _core.Rooms.Values.Where(r => !r.IsPrivate && r.Online.Count > 0).Select(r => (r.Key, r.Conversation))];
        }
    }

    /// <summary>The rooms and groups with a member online here (by identity): the ones whose lines the cluster delivers here.</summary>
    public IReadOnlySet<string> ConversationsWithMembersHere()
    {
        lock (_core.Sync)
        {
            return _core.Rooms.Values.Where(r => r.Online.Count > 0).Select(r => r.Conversation).ToHashSet(StringComparer.Ordinal);
        }
    }
}

/// <summary>A guest online here (<see cref="Guest"/>, its session <see cref="Identity"/>) is a member of <see cref="Group"/>.</summary>
public sealed record GuestMembership(string Group, string Conversation, string Owner, string Guest, string Identity);
