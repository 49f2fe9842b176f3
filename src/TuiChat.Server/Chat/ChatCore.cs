using Serilog;
using TuiChat.Protocol;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>
/// What every part of the chat core shares, guarded by one Monitor (<see cref="Sync"/>): the users
/// online here, the rooms and groups, the message-id counter and, in a cluster, the link to the other
/// servers. Members named <c>…Locked</c> need the lock held; they hand events to the recipients'
/// links (a non-blocking append) through the caller's <see cref="AfterLock"/>, so every member of a
/// room queues the room's events in the order they were decided.
/// </summary>
internal sealed class ChatCore
{
    public const string DefaultRoom = "#general";

    public static readonly string GeneralKey = NameRules.Key(DefaultRoom);

    private IClusterLink? _cluster;
    private INameClaims? _names;

    /// <summary>
    /// The users here watching each user's presence, by the watched user's key: the reverse of
    /// <see cref="ChatUser.Watching"/>, so that a login or a logout tells its watchers without a
    /// scan of everyone online (a scan made 5,000 logins cost 12.5 million visits).
    /// </summary>
    private readonly Dictionary<string, HashSet<ChatUser>> _watchers = new(StringComparer.Ordinal);

    public ChatCore(TimeProvider time, IChatStore store, ILogger log, int maxSessionsPerAccount)
    {
        Online = new OnlineUsers(maxSessionsPerAccount);
        Time = time;
        Store = store;
        Log = log;
        MessageIds = new MessageIds(store);
        Rooms[GeneralKey] = new Room(DefaultRoom, isPrivate: false, owner: "", Conversations.Room(DefaultRoom));
        LoadSaved(store);
    }

    /// <summary>The one lock: every decision of the chat core is taken under it.</summary>
    public object Sync { get; } = new();

    public OnlineUsers Online { get; }

    /// <summary>Rooms and groups by key (<see cref="NameRules.Key"/>); #general always.</summary>
    public Dictionary<string, Room> Rooms { get; } = new(StringComparer.Ordinal);

    public Room General => Rooms[GeneralKey];

    public TimeProvider Time { get; }

    public IChatStore Store { get; }

    public ILogger Log { get; }

    public MessageIds MessageIds { get; }

    /// <summary>The times of the lines <see cref="MessageIds"/> numbers, one millisecond each.</summary>
    public LineClock LineTimes { get; } = new();

    /// <summary>Set at shutdown: users who go offline are no longer announced (see <see cref="Sessions.BeginShutdown"/>).</summary>
    public bool ShuttingDown { get; set; }

    /// <summary>The other servers of a cluster (<c>--redis</c>); null on a single server. Set once, before any client connects.</summary>
    public IClusterLink? Cluster => Volatile.Read(ref _cluster);

    /// <summary>Guest names claimed across the cluster; null on a single server.</summary>
    public INameClaims? Names => Volatile.Read(ref _names);

    public void JoinCluster(IClusterLink cluster, INameClaims names)
    {
        Volatile.Write(ref _names, names);
        Volatile.Write(ref _cluster, cluster);
    }

    /// <summary>In a cluster, the user is online on another server too: its coming or going here is no news.</summary>
    public bool OnlineElsewhere(string userKey) => Cluster?.FindRemote(userKey) is not null;

    /// <summary>
    /// <paramref name="user"/> is in <paramref name="room"/> here from now on; its first member here
    /// makes the cluster deliver the room's lines to this server.
    /// </summary>
    public void SeatLocked(ChatUser user, Room room)
    {
        if (room.Online.Count == 0)
        {
            Cluster?.Watch(room.Conversation);
        }
        room.Seat(user);
    }

    /// <summary>
    /// Seats <paramref name="user"/>, who just joined <paramref name="room"/> (its members here were sent
    /// <paramref name="joined"/>), and sends its own sessions the copy of the event that carries the room
    /// as the join left it (<see cref="MemberJoined.RoomAtJoin"/>), which it returns.
    /// </summary>
    public RoomView SeatJoinerLocked(ChatUser user, Room room, MemberJoined joined, AfterLock after)
    {
        SeatLocked(user, room);
        RoomView view = Memberships.ViewLocked(room);
        after.Send(user, joined.ForJoiner(view));
        return view;
    }

    /// <summary>
    /// How many members a broadcast reads ahead of queueing to them: the objects read (some eight
    /// cache lines a member) are still in the processor's cache when the queueing pass reaches
    /// them, whatever the room's size.
    /// </summary>
    private const int PrefetchBlock = 32;

    /// <summary>An event to this server's members of the room (every session of each).</summary>
    public static void SendAllLocked(Room room, ChatEvent e, AfterLock after)
    {
        IClientLink[] sessions = room.OnlineSessions;
        // Two passes over each block of members. Queueing to a member takes its queue's lock, an
        // atomic instruction that waits for every load before it, so in one pass each member's
        // cache misses (its connection, queue, lists, lock: cold again by the next line of a paced
        // room) are paid one after another. The first pass only reads, so the processor overlaps
        // the misses of many members; the second then finds them in the cache. On the paced row
        // (100 members, 200 lines/s) about 3-4 % less server CPU per delivery, lower in 12 of 17
        // alternating pairs of runs (docs/BENCHMARKS.md). In blocks: over a whole room of 2,000
        // members the first pass's lines were gone by the second, and the 2,000-member room cost
        // about 16 % more per delivery than with no first pass at all.
        for (int start = 0; start < sessions.Length; start += PrefetchBlock)
        {
            int end = Math.Min(start + PrefetchBlock, sessions.Length);
            for (int i = start; i < end; i++)
            {
                sessions[i].Prefetch();
            }
            for (int i = start; i < end; i++)
            {
                after.Send(sessions[i], e);
            }
        }
    }

    /// <summary>A room event to this server's members of the room, and (in a cluster) to the other servers'.</summary>
    public void SendRoomLocked(Room room, RoomEvent e, AfterLock after)
    {
        SendAllLocked(room, e, after);
        Cluster?.Publish(room, e);
    }

    /// <summary>Records that two online users talked directly: each now watches the other's presence.</summary>
    public void WatchEachOtherLocked(ChatUser a, ChatUser b)
    {
        if (a != b)
        {
            WatchLocked(a, b.Key);
            WatchLocked(b, a.Key);
        }
    }

    /// <summary><paramref name="watcher"/> talked directly with the user <paramref name="userKey"/> (maybe online on another server): it watches its presence.</summary>
    public void WatchLocked(ChatUser watcher, string userKey)
    {
        if (watcher.Key != userKey && (watcher.Watching ??= new HashSet<string>(StringComparer.Ordinal)).Add(userKey))
        {
            if (!_watchers.TryGetValue(userKey, out HashSet<ChatUser>? watchers))
            {
                _watchers[userKey] = watchers = [];
            }
            watchers.Add(watcher);
        }
    }

    /// <summary><paramref name="watcher"/> went offline: it watches nobody any more.</summary>
    public void StopWatchingLocked(ChatUser watcher)
    {
        if (watcher.Watching is not { } watched)
        {
            return;
        }
        foreach (string userKey in watched)
        {
            if (_watchers.TryGetValue(userKey, out HashSet<ChatUser>? watchers) && watchers.Remove(watcher) && watchers.Count == 0)
            {
                _watchers.Remove(userKey);
            }
        }
        watcher.Watching = null;
    }

    /// <summary>The users here watching the presence of the user <paramref name="userKey"/>; empty when none.</summary>
    public IReadOnlyCollection<ChatUser> WatchersOfLocked(string userKey) =>
        _watchers.TryGetValue(userKey, out HashSet<ChatUser>? watchers) ? watchers : [];

    /// <summary>Presence of the user <paramref name="userKey"/> to the users here watching it.</summary>
    public void TellWatchersLocked(string userKey, string name, bool online, AfterLock after)
    {
        if (_watchers.TryGetValue(userKey, out HashSet<ChatUser>? watchers))
        {
            var e = new PresenceChanged(name, online);
            foreach (ChatUser watcher in watchers)
            {
                after.Send(watcher, e);
            }
        }
    }

    /// <summary>Hands a write to the store without waiting for it; a failure is logged, never thrown at the caller (who may hold the lock).</summary>
    public void Persist(Task write, string what)
    {
        if (!write.IsCompletedSuccessfully)
        {
            write.ContinueWith(
                t => Log.Error(t.Exception, "Could not persist {What}", what),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    /// <summary>The rooms and groups the store kept, with their registered members (their guests ended with their sessions).</summary>
    private void LoadSaved(IChatStore store)
    {
        foreach (RoomRecord saved in store.LoadRooms())
        {
            Room room = Rooms.GetValueOrDefault(NameRules.Key(saved.Room))
                ?? new Room(saved.Room, isPrivate: false, owner: "", saved.Conversation) { Operator = saved.Operator, Persisted = true };
            room.Topic = saved.Topic;
            room.Persisted = true;
            AddSavedMembers(room, saved.Members);
            Rooms[room.Key] = room;
        }
        foreach (GroupRecord group in store.LoadGroups())
        {
            var room = new Room(group.Room, isPrivate: true, owner: group.Owner, group.Conversation) { Topic = group.Topic };
            AddSavedMembers(room, group.Members);
            Rooms[room.Key] = room;
        }
    }

    /// <summary>The store keeps only accounts as members (guests end with their sessions).</summary>
    private static void AddSavedMembers(Room room, IEnumerable<string> members)
    {
        foreach (string member in members)
        {
            room.AddMember(member, registered: true, guestIdentity: null);
        }
    }
}
