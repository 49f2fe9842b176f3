using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// The one shared state of the server: online users, rooms and groups, and the message-id counter.
/// Every method takes the one Monitor lock (<see cref="_sync"/>), decides, and queues the frames it
/// causes while still holding it (queueing is a non-blocking append), so every member of a room
/// sees the room's frames in the same order. No socket I/O and no waiting happens inside the lock;
/// group changes are handed to the store without waiting for them.
/// </summary>
public sealed class ChatState
{
    public const string DefaultRoom = "#general";

    /// <summary>The writers a reader thread must start once it has left the lock (reused, so a post allocates no list).</summary>
    [ThreadStatic]
    private static List<IClientLink>? t_writersToStart;

    private readonly object _sync = new();
    private readonly Dictionary<string, ChatUser> _online = new(StringComparer.Ordinal);

    /// <summary>The online users by <see cref="ChatUser.Skeleton"/>: a look-alike of an online name cannot log in.</summary>
    private readonly Dictionary<string, ChatUser> _onlineBySkeleton = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Room> _rooms = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IChatStore _store;
    private readonly ILogger _log;
    private readonly MessageIds _messageIds;
    private bool _shuttingDown;

    public ChatState(TimeProvider time, IChatStore store, ILogger log)
    {
        _time = time;
        _store = store;
        _log = log;
        _messageIds = new MessageIds(store);
        _rooms[NameRules.Key(DefaultRoom)] = new Room(DefaultRoom, isPrivate: false, owner: "", Conversations.Room(DefaultRoom));
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

    /// <summary>Puts the user online and tells everybody; refused when the name is online already.</summary>
    public Outcome AddUser(ChatUser user, string codeIfOnline)
    {
        lock (_sync)
        {
            if (_online.ContainsKey(user.Key))
            {
                return Outcome.Fail(codeIfOnline, $"{user.Name} is already online");
            }
            if (_onlineBySkeleton.TryGetValue(user.Skeleton, out ChatUser? twin))
            {
                return Outcome.Fail(ErrorCodes.NameTaken, $"{user.Name} looks too much like {twin.Name}, who is online");
            }
            _online[user.Key] = user;
            _onlineBySkeleton[user.Skeleton] = user;
            BroadcastAllLocked(MessageCodec.EncodeFrame(new PresenceEvent { User = user.Name, Online = true }));
            return Outcome.Success;
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

    /// <summary>Joins a freshly logged-in user to #general and to every group the account belongs to.</summary>
    public void JoinDefaultRooms(ChatUser user)
    {
        lock (_sync)
        {
            if (_online.GetValueOrDefault(user.Key) != user)
            {
                return;
            }
            EnterLocked(user, _rooms[NameRules.Key(DefaultRoom)]);
            foreach (Room room in _rooms.Values)
            {
                if (room.IsPrivate && room.IsMember(user.Key))
                {
                    EnterLocked(user, room);
                }
            }
        }
    }

    /// <summary>
    /// Takes the user offline: <c>left</c> to every room it was in, <c>presence</c> to everybody.
    /// Does nothing when that user is not (or no longer) the one online under its name.
    /// </summary>
    public void RemoveUser(ChatUser user, string reason)
    {
        lock (_sync)
        {
            if (_online.GetValueOrDefault(user.Key) != user)
            {
                return;
            }
            for (int i = user.Rooms.Count - 1; i >= 0; i--)
            {
                Room room = user.Rooms[i];
                if (!_shuttingDown)
                {
                    SendAllLocked(room.Online, MessageCodec.EncodeFrame(new LeftEvent { Room = room.Name, User = user.Name, Reason = reason }));
                }
                room.Online.Remove(user);
                if (!room.IsPrivate || !user.Registered)
                {
                    // A guest's group membership ends with its session; nobody may reuse the name to get in.
                    RemoveMemberLocked(room, user.Key);
                }
            }
            user.Rooms.Clear();
            _online.Remove(user.Key);
            _onlineBySkeleton.Remove(user.Skeleton);
            if (_shuttingDown)
            {
                return;
            }
            BroadcastAllLocked(MessageCodec.EncodeFrame(new PresenceEvent { User = user.Name, Online = false }));
        }
    }

    public Outcome Join(ChatUser user, string roomName, out RoomView? view)
    {
        view = null;
        lock (_sync)
        {
            if (!_rooms.TryGetValue(NameRules.Key(roomName), out Room? room))
            {
                if (roomName[0] == NameRules.GroupPrefix)
                {
                    return Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no group {roomName}");
                }
                // A new room is a new identity: the history of an ended room with this name stays out of reach.
                room = new Room(roomName, isPrivate: false, owner: "", Identities.NewRoom(roomName)) { Operator = user.Identity };
                _rooms[room.Key] = room;
            }
            if (room.IsPrivate && !room.IsMember(user.Key))
            {
                return Outcome.Fail(ErrorCodes.NotAMember, $"{room.Name} is a private group; ask its owner for an invitation");
            }
            if (!user.Rooms.Contains(room))
            {
                EnterLocked(user, room);
            }
            view = ViewLocked(room);
            return Outcome.Success;
        }
    }

    public Outcome Leave(ChatUser user, string roomName)
    {
        lock (_sync)
        {
            if (!TryGetJoinedLocked(user, roomName, out Room? room, out Outcome refusal))
            {
                return refusal;
            }
            byte[] left = MessageCodec.EncodeFrame(new LeftEvent { Room = room.Name, User = user.Name, Reason = LeftReasons.Leave });
            SendAllLocked(room.Online, left);
            room.Online.Remove(user);
            user.Rooms.Remove(room);
            RemoveMemberLocked(room, user.Key);
            return Outcome.Success;
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
        lock (_sync)
        {
            string key = NameRules.Key(roomName);
            if (_rooms.ContainsKey(key))
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
                ChatUser? online = _online.GetValueOrDefault(NameRules.Key(name));
                if (online is null && account is null)
                {
                    return Outcome.Fail(ErrorCodes.NoSuchUser, $"there is no user {name}");
                }
                resolved.Add((online?.Name ?? account!, online, online?.Registered ?? true));
            }

            var room = new Room(roomName, isPrivate: true, owner: user.Name, Identities.NewRoom(roomName));
            _rooms[key] = room;
            AddMemberLocked(room, user.Name, user.Registered);
            EnterLocked(user, room);
            byte[] invited = MessageCodec.EncodeFrame(new InvitedEvent { Room = room.Name, By = user.Name });
            foreach ((string name, ChatUser? online, bool registered) in resolved)
            {
                InviteLocked(room, name, online, registered, invited);
            }
            SaveGroupLocked(room);
            view = ViewLocked(room);
            return Outcome.Success;
        }
    }

    public Outcome Invite(ChatUser user, string roomName, string target, string? account)
    {
        lock (_sync)
        {
            if (!TryGetManagedGroupLocked(user, roomName, out Room? room, out Outcome refusal))
            {
                return refusal;
            }
            ChatUser? online = _online.GetValueOrDefault(NameRules.Key(target));
            if (online is null && account is null)
            {
                return Outcome.Fail(ErrorCodes.NoSuchUser, $"there is no user {target}");
            }
            if (room.IsMember(NameRules.Key(target)))
            {
                return Outcome.Success;
            }
            byte[] invited = MessageCodec.EncodeFrame(new InvitedEvent { Room = room.Name, By = user.Name });
            InviteLocked(room, online?.Name ?? account!, online, online?.Registered ?? true, invited);
            SaveGroupLocked(room);
            return Outcome.Success;
        }
    }

    /// <summary>Removes <paramref name="target"/> from a room or group; for its operator (<see cref="Room.MayOperate"/>) or an admin.</summary>
    public Outcome Kick(ChatUser user, string roomName, string target)
    {
        lock (_sync)
        {
            if (!TryGetOperatedRoomLocked(user, roomName, out Room? room, out Outcome refusal))
            {
                return refusal;
            }
            string targetKey = NameRules.Key(target);
            if (!room.Members.TryGetValue(targetKey, out string? targetName))
            {
                return Outcome.Fail(ErrorCodes.NotAMember, $"{target} is not in {room.Name}");
            }
            byte[] left = MessageCodec.EncodeFrame(new LeftEvent { Room = room.Name, User = targetName, Reason = LeftReasons.Kick });
            SendAllLocked(room.Online, left);
            if (_online.TryGetValue(targetKey, out ChatUser? kicked))
            {
                room.Online.Remove(kicked);
                kicked.Rooms.Remove(room);
            }
            RemoveMemberLocked(room, targetKey);
            return Outcome.Success;
        }
    }

    /// <summary>A group's members may set its topic; a public room's only its operator; an admin any room's.</summary>
    public Outcome SetTopic(ChatUser user, string roomName, string topic)
    {
        lock (_sync)
        {
            if (!TryGetJoinedLocked(user, roomName, out Room? room, out Outcome refusal)
                && !(user.IsAdmin && _rooms.TryGetValue(NameRules.Key(roomName), out room)))
            {
                return refusal;
            }
            if (!room.IsPrivate && !room.MayOperate(user))
            {
                return Outcome.Fail(ErrorCodes.NotAllowed, $"only the operator of {room.Name} or an admin may set its topic");
            }
            room.Topic = topic;
            SendAllLocked(room.Online, MessageCodec.EncodeFrame(new TopicEvent { Room = room.Name, Topic = topic, By = user.Name }));
            if (room.IsPrivate)
            {
                SaveGroupLocked(room);
            }
            return Outcome.Success;
        }
    }

    /// <summary>Public rooms and the caller's groups, by name.</summary>
    public IReadOnlyList<RoomInfo> ListRooms(ChatUser user)
    {
        lock (_sync)
        {
            var rooms = new List<RoomInfo>();
            foreach (Room room in _rooms.Values)
            {
                if (!room.IsPrivate || room.IsMember(user.Key))
                {
                    rooms.Add(new RoomInfo { Room = room.Name, Members = room.Members.Count, Private = room.IsPrivate, Topic = room.Topic });
                }
            }
            rooms.Sort((a, b) => string.CompareOrdinal(a.Room, b.Room));
            return rooms;
        }
    }

    /// <summary>All online users, or the members of a room the caller may see.</summary>
    public Outcome ListUsers(ChatUser user, string? roomName, out IReadOnlyList<UserInfo> users)
    {
        var list = new List<UserInfo>();
        users = list;
        lock (_sync)
        {
            if (roomName is null)
            {
                foreach (ChatUser online in _online.Values)
                {
                    list.Add(new UserInfo { User = online.Name, Role = online.Role, Online = true });
                }
            }
            else
            {
                if (!_rooms.TryGetValue(NameRules.Key(roomName), out Room? room))
                {
                    return Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no room {roomName}");
                }
                if (room.IsPrivate && !room.IsMember(user.Key) && !user.IsAdmin)
                {
                    return Outcome.Fail(ErrorCodes.NotAMember, $"you are not in {room.Name}");
                }
                foreach ((string key, string name) in room.Members)
                {
                    ChatUser? online = _online.GetValueOrDefault(key);
                    string role = online?.Role ?? (key == Accounts.AccountService.AdminKey ? Roles.Admin : Roles.User);
                    list.Add(new UserInfo { User = name, Role = role, Online = online is not null });
                }
            }
        }
        list.Sort((a, b) => string.Compare(a.User, b.User, StringComparison.OrdinalIgnoreCase));
        return Outcome.Success;
    }

    /// <summary>
    /// Resolves where a message or file from <paramref name="user"/> to <paramref name="to"/> goes:
    /// a room the user is in, an online user, or (with <paramref name="account"/>) an offline registered user.
    /// </summary>
    public Outcome ResolveTarget(ChatUser user, string to, string? account, out Target? target)
    {
        target = null;
        lock (_sync)
        {
            if (NameRules.IsRoomName(to))
            {
                if (!TryGetJoinedLocked(user, to, out Room? room, out Outcome refusal))
                {
                    return refusal;
                }
                target = new Target(room.Name, room.Conversation, room.Conversation, IsRoom: true, OfflineRecipient: null);
                return Outcome.Success;
            }
            if (_online.TryGetValue(NameRules.Key(to), out ChatUser? peer) && !peer.Link.IsClosing)
            {
                target = new Target(peer.Name, Conversations.Direct(user.Identity, peer.Identity), peer.Identity, IsRoom: false, OfflineRecipient: null);
                return Outcome.Success;
            }
            if (account is not null)
            {
                string identity = Identities.Account(account);
                target = new Target(account, Conversations.Direct(user.Identity, identity), identity, IsRoom: false, OfflineRecipient: account);
                return Outcome.Success;
            }
            return Outcome.Fail(ErrorCodes.NoSuchUser, $"{to} is not online and has no account");
        }
    }

    /// <summary>
    /// Numbers a chat line and queues it to everyone who receives it, all under the lock so that
    /// ids and delivery order agree. Returns what the store must keep.
    /// </summary>
    public Outcome Post(ChatUser user, string to, string? account, string text, out StoredMessage? stored, out string? offlineRecipient)
    {
        stored = null;
        offlineRecipient = null;
        List<IClientLink> writers = t_writersToStart ??= [];
        try
        {
            lock (_sync)
            {
                Outcome outcome = ResolveTarget(user, to, account, out Target? target);
                if (!outcome.Ok)
                {
                    return outcome;
                }
                long id = _messageIds.Next();
                DateTimeOffset ts = _time.GetUtcNow();
                byte[] frame = MessageCodec.EncodeFrame(new ChatMessage { MsgId = id, Ts = Timestamps.ToWire(ts), From = user.Name, To = target!.Name, Text = text });
                DeliverLocked(user, target, frame, writers);
                stored = new StoredMessage(id, ts, target.Conversation, user.Name, target.Name, text);
                offlineRecipient = target.OfflineRecipient ?? SessionEndedDuring(target);
                return Outcome.Success;
            }
        }
        finally
        {
            StartWriters(writers);
        }
    }

    /// <summary>
    /// A registered peer whose session began to end while this message was queued to it (its queue
    /// overflowed, its socket failed) may never read it: keep it for the next login too (a repeat
    /// is possible, a loss is not).
    /// </summary>
    private string? SessionEndedDuring(Target target) =>
        !target.IsRoom && !Identities.IsGuest(target.Identity)
            && _online.TryGetValue(NameRules.Key(target.Name), out ChatUser? peer) && peer.Link.IsClosing
            ? target.Name
            : null;

    /// <summary>Queues a frame (a <c>file</c> event) to the recipients of <paramref name="target"/>.</summary>
    public void Deliver(ChatUser user, Target target, byte[] frame)
    {
        List<IClientLink> writers = t_writersToStart ??= [];
        try
        {
            lock (_sync)
            {
                DeliverLocked(user, target, frame, writers);
            }
        }
        finally
        {
            StartWriters(writers);
        }
    }

    /// <summary>
    /// The history key of the room or group <paramref name="roomName"/> as it is now, when
    /// <paramref name="user"/> is a member (and so may read it); null otherwise.
    /// </summary>
    public string? ReadableConversation(ChatUser user, string roomName)
    {
        lock (_sync)
        {
            return _rooms.TryGetValue(NameRules.Key(roomName), out Room? room) && room.IsMember(user.Key) ? room.Conversation : null;
        }
    }

    /// <summary>
    /// Resolves <paramref name="target"/> again for a transfer that began earlier (an upload): it must
    /// still reach the same room or person (same identity), else the caller is refused. The
    /// returned target has today's offline state (a registered peer may have gone offline).
    /// </summary>
    public Outcome Recheck(ChatUser user, Target target, out Target? current)
    {
        current = null;
        string? account = target.IsRoom || Identities.IsGuest(target.Identity) ? null : target.Name;
        lock (_sync)
        {
            Outcome outcome = ResolveTarget(user, target.Name, account, out Target? now);
            if (outcome.Ok && now!.Identity == target.Identity)
            {
                current = now;
                return Outcome.Success;
            }
        }
        return target.IsRoom
            ? Outcome.Fail(ErrorCodes.NotAMember, $"you are no longer in {target.Name} (or it ended)")
            : Outcome.Fail(ErrorCodes.NoSuchUser, $"{target.Name} has left; this transfer was for that session");
    }

    /// <summary>Sends a frame to every online user (shutdown notices).</summary>
    public void Broadcast(byte[] frame)
    {
        lock (_sync)
        {
            BroadcastAllLocked(frame);
        }
    }

    public IReadOnlyList<ChatUser> OnlineUsers()
    {
        lock (_sync)
        {
            return [.. _online.Values];
        }
    }

    /// <summary>
    /// Queues a chat line or file event to its recipients. The writers this wakes are collected in
    /// <paramref name="writers"/> and started by the caller after the lock (<see cref="StartWriters"/>):
    /// a thread-pool wake-up is a system call the other senders should not wait for.
    /// </summary>
    private void DeliverLocked(ChatUser user, Target target, byte[] frame, List<IClientLink> writers)
    {
        if (target.IsRoom)
        {
            if (_rooms.TryGetValue(NameRules.Key(target.Name), out Room? room) && room.Conversation == target.Identity)
            {
                List<ChatUser> online = room.Online;
                for (int i = 0; i < online.Count; i++)
                {
                    SendDeferredLocked(online[i], frame, writers);
                }
            }
            return;
        }
        SendDeferredLocked(user, frame, writers);
        if (_online.TryGetValue(NameRules.Key(target.Name), out ChatUser? peer) && peer != user && peer.Identity == target.Identity)
        {
            SendDeferredLocked(peer, frame, writers);
        }
    }

    private static void SendDeferredLocked(ChatUser user, byte[] frame, List<IClientLink> writers)
    {
        if (user.Link.SendDeferred(frame))
        {
            writers.Add(user.Link);
        }
    }

    private static void StartWriters(List<IClientLink> writers)
    {
        for (int i = 0; i < writers.Count; i++)
        {
            writers[i].StartWriter();
        }
        writers.Clear();
    }

    private static void EnterLocked(ChatUser user, Room room)
    {
        room.Online.Add(user);
        user.Rooms.Add(room);
        if (!room.IsMember(user.Key))
        {
            AddMemberLocked(room, user.Name, user.Registered);
        }
        SendAllLocked(room.Online, MessageCodec.EncodeFrame(new JoinedEvent { Room = room.Name, User = user.Name }));
    }

    private static void InviteLocked(Room room, string name, ChatUser? online, bool registered, byte[] invited)
    {
        string key = NameRules.Key(name);
        if (room.IsMember(key))
        {
            return;
        }
        AddMemberLocked(room, name, registered);
        online?.Link.Send(invited);
        if (online is not null)
        {
            EnterLocked(online, room);
        }
        else
        {
            SendAllLocked(room.Online, MessageCodec.EncodeFrame(new JoinedEvent { Room = room.Name, User = name }));
        }
    }

    private static void AddMemberLocked(Room room, string name, bool registered)
    {
        string key = NameRules.Key(name);
        room.Members[key] = name;
        if (registered)
        {
            room.RegisteredMembers.Add(key);
        }
    }

    /// <summary>Drops a member; an emptied room (but #general) disappears, and a group's change is persisted.</summary>
    private void RemoveMemberLocked(Room room, string key)
    {
        room.Members.Remove(key);
        bool wasRegistered = room.RegisteredMembers.Remove(key);
        if (room.Members.Count == 0 && room.Key != NameRules.Key(DefaultRoom))
        {
            _rooms.Remove(room.Key);
            if (room.IsPrivate)
            {
                Persist(_store.DeleteGroupAsync(room.Name), room.Name);
            }
            return;
        }
        if (!room.IsPrivate)
        {
            return;
        }
        if (NameRules.Key(room.Owner) == key)
        {
            // The owner left: the group passes to a remaining member, registered ones first.
            room.Owner = room.Members.FirstOrDefault(m => room.RegisteredMembers.Contains(m.Key)).Value
                ?? room.Members.First().Value;
            wasRegistered = true;
        }
        if (wasRegistered)
        {
            SaveGroupLocked(room);
        }
    }

    private void SaveGroupLocked(Room room)
    {
        if (room.RegisteredMembers.Count > 0)
        {
            Persist(_store.SaveGroupAsync(room.ToRecord()), room.Name);
        }
    }

    private void Persist(Task write, string room)
    {
        if (!write.IsCompletedSuccessfully)
        {
            write.ContinueWith(
                t => _log.Error(t.Exception, "Could not persist group {Room}", room),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    private bool TryGetJoinedLocked(ChatUser user, string roomName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (!_rooms.TryGetValue(NameRules.Key(roomName), out room))
        {
            refusal = Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no room {roomName}");
            return false;
        }
        if (!user.Rooms.Contains(room))
        {
            refusal = Outcome.Fail(ErrorCodes.NotAMember, $"you are not in {room.Name}");
            room = null;
            return false;
        }
        return true;
    }

    /// <summary>A room or group the caller may kick from: its operator (a group's owner), or an admin.</summary>
    private bool TryGetOperatedRoomLocked(ChatUser user, string roomName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room, out Outcome refusal)
    {
        if (_rooms.TryGetValue(NameRules.Key(roomName), out room) && !room.IsPrivate)
        {
            refusal = room.MayOperate(user)
                ? Outcome.Success
                : Outcome.Fail(ErrorCodes.NotAllowed, $"only the operator of {room.Name} or an admin may do that");
            if (!refusal.Ok)
            {
                room = null;
            }
            return refusal.Ok;
        }
        return TryGetManagedGroupLocked(user, roomName, out room, out refusal);
    }

    /// <summary>A group the caller may manage: its owner, or an admin.</summary>
    private bool TryGetManagedGroupLocked(ChatUser user, string roomName, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Room? room, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (!_rooms.TryGetValue(NameRules.Key(roomName), out room) || (room.IsPrivate && !room.IsMember(user.Key) && !user.IsAdmin))
        {
            refusal = Outcome.Fail(ErrorCodes.NoSuchRoom, $"there is no group {roomName} you belong to");
            room = null;
            return false;
        }
        if (!room.IsPrivate)
        {
            refusal = Outcome.Fail(ErrorCodes.NotAllowed, $"{room.Name} is a public room; only groups have invitations");
            room = null;
            return false;
        }
        if (!room.IsOwner(user) && !user.IsAdmin)
        {
            refusal = Outcome.Fail(ErrorCodes.NotAllowed, $"only the owner of {room.Name} ({room.Owner}) may do that");
            room = null;
            return false;
        }
        return true;
    }

    private static RoomView ViewLocked(Room room) =>
        new(room.Name, room.Topic, room.IsPrivate, [.. room.Members.Values]);

    private static void SendAllLocked(List<ChatUser> users, byte[] frame)
    {
        for (int i = 0; i < users.Count; i++)
        {
            users[i].Link.Send(frame);
        }
    }

    private void BroadcastAllLocked(byte[] frame)
    {
        foreach (ChatUser user in _online.Values)
        {
            user.Link.Send(frame);
        }
    }
}
