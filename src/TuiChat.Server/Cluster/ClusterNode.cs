using Serilog;
using TuiChat.Protocol;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Cluster;

/// <summary>
/// This server as one node of a cluster (<c>--redis</c>, docs/SCALING.md). A chat line, a room's or
/// a direct one, is stored first (numbered in its conversation by PostgreSQL, its id taken in the
/// same transaction), then handed to the <see cref="ConversationSequencer"/> here and published;
/// other nodes' lines arrive from Redis and go through the same sequencer, so every node delivers a
/// conversation's lines in one order, the order of their ids. Joins, leaves and topics are published and applied
/// by the others. One worker thread does all of it in arrival order; a timer makes it compare each
/// watched room with the database every <see cref="CheckInterval"/>, so a quiet room's lost last
/// line is found too, and Redis coming back triggers the same check at once.
/// </summary>
public sealed class ClusterNode : IClusterLink, ILineCommit, IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>Lines and events stored or published here carry this id; a node ignores its own from Redis.</summary>
    private readonly string _node = Guid.NewGuid().ToString("N")[..12];
    private readonly IRoomLog _rooms;
    private readonly ChatState _state;
    private readonly ILogger _log;
    private readonly RedisBackplane _backplane;
    private readonly GuestNames _names;
    private readonly RemoteUsers _remote;
    private readonly RoomIdentities _roomIdentities;
    private readonly ConversationSequencer _sequencer;

    private readonly LineOrigins _origins = new();

    /// <summary>Ids of direct messages also in their recipient's offline queue, while the worker offers them (<see cref="OfferDirect"/>).</summary>
    private readonly HashSet<long> _queued = [];
    private readonly ClusterWorker _worker;
    private readonly Timer _check;
    private readonly Timer _heartbeat;
    private int _checks;

    /// <summary>The first check whose reading of the online list may conclude that users are gone (not just after a Redis restart).</summary>
    private int _forgetFrom;

    private ClusterNode(RedisBackplane backplane, IRoomLog rooms, ChatState state, ILogger log)
    {
        _backplane = backplane;
        _rooms = rooms;
        _state = state;
        _log = log;
        _names = new GuestNames(backplane.Database, _node, log);
        _remote = new RemoteUsers(backplane.Database, _node, log);
        _roomIdentities = new RoomIdentities(backplane.Database);
        _sequencer = new ConversationSequencer(rooms, Deliver);
        _worker = new ClusterWorker(log);
        _check = new Timer(_ => Enqueue(CheckAll), null, CheckInterval, CheckInterval);
        // From a timer of its own, not the worker: a long fill must not make this server look dead.
        _heartbeat = new Timer(_ => _remote.Beat(), null, RemoteUsers.HeartbeatInterval, RemoteUsers.HeartbeatInterval);
    }

    /// <summary>Connects to Redis and makes <paramref name="state"/> deliver its room lines through this node.</summary>
    /// <param name="shutdown">Stops this server (by, reason) when an admin shuts the cluster down on another.</param>
    /// <exception cref="ClusterStartException">No PostgreSQL store, or Redis cannot be reached.</exception>
    public static ClusterNode Start(string redis, IChatStore store, ChatState state, ILogger log, Action<string, string> shutdown)
    {
        if (store is not IRoomLog rooms)
        {
            throw new ClusterStartException("--redis needs --postgres: the servers of a cluster share one PostgreSQL database");
        }
        RedisBackplane backplane = RedisBackplane.Connect(redis, log);
        var node = new ClusterNode(backplane, rooms, state, log);
        state.Cluster.JoinCluster(node, node._names);
        var inbox = new ClusterInbox(node._node, state, node._remote, node._sequencer, node.OfferDirect, node.DeliverStored, node.Greet, log, node.Enqueue, shutdown);
        backplane.Subscribe(inbox.OnEvent);
        node.Enqueue(() => backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Started, node._node, "", "").ToJson()));
        node._remote.Beat();
        node.Enqueue(() => node.ReloadOnline(forget: false));
        backplane.Restored += () => node.Enqueue(node.Rejoin);
        node._worker.Start();
        log.Information("Cluster node {Node:l}: Redis {Redis:l}", node._node, redis);
        return node;
    }

    /// <summary>
    /// Stores a line, then hands it to the sequencer and to the other servers. Its sender is noted by
    /// id before COMMIT: whoever delivers it here (this commit, or a gap fill that reads it from the
    /// database first) delivers it as the sender's own line.
    /// </summary>
    /// <param name="offlineRecipient">
    /// An account not online on this server: the direct message is in its offline queue too, until a
    /// server that has a session of it delivers it (its server may have died a moment ago).
    /// </param>
    public async Task<StoredMessage> CommitAsync(StoredMessage proposed, string? offlineRecipient, IClientLink origin)
    {
        NumberedMessage line;
        var ids = new List<long>(1);
        try
        {
            line = await _rooms.AppendLineAsync(proposed, offlineRecipient, numbered =>
            {
                ids.Add(numbered.Message.MsgId);
                _origins.Note(numbered.Message.MsgId, origin);
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ObjectDisposedException)
        {
            _origins.Forget(ids, kept: 0);
            throw new StoreUnavailableException("not sent: the database is unavailable; try again", e);
        }
        _origins.Forget(ids, kept: line.Message.MsgId);
        StoredMessage m = line.Message;
        bool room = NameRules.IsRoomName(m.To);
        Enqueue(() =>
        {
            if (room)
            {
                _sequencer.Offer(line);
            }
            else
            {
                OfferDirect(line, queued: offlineRecipient is not null);
            }
            _backplane.Publish(new ClusterEnvelope(room ? ClusterEnvelope.Line : ClusterEnvelope.Direct, _node, m.To, m.Conversation, line.Seq, m.MsgId, m.Ts.UtcTicks,
                m.From, m.Text, Queued: offlineRecipient is not null, Notice: m.Notice).ToJson());
        });
        return m;
    }

    /// <summary>A file offer, numbered in its conversation by the database like a chat line; the core then asks for its delivery (<see cref="Stored"/>).</summary>
    public Task<FileRecord> CommitFileAsync(FileRecord proposed, string? offlineRecipient) => _rooms.AppendFileAsync(proposed, offlineRecipient);

    public void Watch(string conversation) => Enqueue(() => _sequencer.Watch(conversation));

    public void Stored(string conversation) => Enqueue(() =>
    {
        DeliverStored(conversation);
        _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Stored, _node, "", conversation).ToJson());
    });

    public void Publish(Room room, RoomEvent e)
    {
        if (ClusterEnvelope.Of(_node, room, e) is { } envelope)
        {
            Enqueue(() => _backplane.Publish(envelope.ToJson()));
        }
    }

    public void Arrived(ChatUser user) => Enqueue(() =>
    {
        _remote.Arrived(user, away: null);
        _backplane.Publish(_remote.Describe(user, away: null).ToJson());
    });

    public void Away(ChatUser user, string? text) => Enqueue(() =>
    {
        _remote.Arrived(user, text);
        _backplane.Publish((_remote.Describe(user, text) with { Kind = ClusterEnvelope.AwayChanged }).ToJson());
    });

    public void Query(string from, RemoteUser recipient, string text, bool answer) => Enqueue(() =>
        _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Query, _node, "", "", From: from, Text: text, User: NameRules.Key(recipient.Name), Identity: recipient.Identity, Answer: answer).ToJson()));

    public void Release(ChatUser user) => Enqueue(() =>
    {
        if (!user.Registered)
        {
            _names.Release(user.Skeleton);
        }
        _remote.Left(user);
        _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Offline, _node, "", "", From: user.Name, User: user.Key, Detail: user.Identity).ToJson());
    });

    /// <summary>
    /// An admin shuts the whole cluster down: told to the other servers before this one stops (the
    /// publish is waited for, briefly). With Redis down only this server stops, and the log says so.
    /// </summary>
    public void ShutdownCluster(string by, string reason)
    {
        if (!_backplane.PublishNow(new ClusterEnvelope(ClusterEnvelope.Shutdown, _node, "", "", User: by, Detail: reason).ToJson()))
        {
            _log.Warning("Redis is unreachable: the other servers of the cluster were not told to shut down");
        }
    }

    public RemoteUser? FindRemote(string userKey) => _remote.Find(userKey);

    public IReadOnlyList<RemoteUser> RemoteOnline() => _remote.All();

    public string RoomIdentity(string roomKey, string proposed) => _roomIdentities.Take(roomKey, proposed);

    public void Dispose()
    {
        _check.Dispose();
        _heartbeat.Dispose();
        _worker.Stop();
        _backplane.Dispose();
    }

    /// <summary>
    /// A server started and loaded the groups from the database, which keeps only their accounts:
    /// it is told, alone, which of this server's online guests are in which groups.
    /// </summary>
    private void Greet(string newNode)
    {
        foreach (GuestMembership m in _state.Cluster.GuestGroupMemberships())
        {
            _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Joined, _node, m.Group, m.Conversation, User: m.Guest, Owner: m.Owner, Identity: m.Identity, For: newNode).ToJson());
        }
    }

    /// <summary>
    /// A direct message, on the worker: its conversation begins here with the first one seen. One also
    /// queued for its offline recipient (<paramref name="queued"/>) leaves the queue once a session of
    /// the recipient here gets it.
    /// </summary>
    private void OfferDirect(NumberedMessage line, bool queued)
    {
        if (queued)
        {
            _queued.Add(line.Message.MsgId);
        }
        _sequencer.Offer(line, begin: true);
        _queued.Remove(line.Message.MsgId);
    }

    /// <summary>
    /// A line stored here or elsewhere without its text going through Redis (a file offer): read from
    /// the database. A direct conversation with a side online here that this server does not deliver
    /// yet begins with it (its last stored line), as it would with a direct message.
    /// </summary>
    private void DeliverStored(string conversation)
    {
        if (_state.Sessions.OnlineUsers().Any(u => Conversations.IsDirectOf(conversation, u.Identity)))
        {
            _sequencer.BeginAtLast(conversation);
        }
        _sequencer.CatchUp(conversation);
    }

    /// <summary>
    /// A line in its conversation's order: a direct one to this server's sessions of its two sides, a
    /// room's to its members here; a file offer (its line has the file's id) as the offer, else as the line.
    /// </summary>
    private void Deliver(NumberedMessage line)
    {
        StoredMessage m = line.Message;
        bool room = NameRules.IsRoomName(m.To);
        // A direct line's event carries no number: only a room's events do (a client checks them for gaps).
        ChatEvent e = m.FileId is { } fileId && _rooms.FindFile(fileId) is { } file
            ? new FileOffered(file, offline: false)
            : StoredMessages.ToEvent(m, seq: room ? line.Seq : 0, origin: _origins.Take(m.MsgId));
        if (!room)
        {
            bool live = _state.Cluster.DeliverDirect(e, m);
            if (live && _queued.Contains(m.MsgId))
            {
                _rooms.ForgetQueuedAsync(m.To, m.MsgId).ContinueWith(t => _log.Warning("Cluster: a delivered direct message stays queued: {Reason}", t.Exception!.GetBaseException().Message),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            return;
        }
        _state.Cluster.DeliverToRoom(m.To, m.Conversation, m.MsgId, e);
    }

    private void CheckAll()
    {
        if (++_checks % 5 == 0)
        {
            ReloadOnline(forget: _checks >= _forgetFrom);
        }
        IReadOnlySet<string> rooms = _state.Cluster.ConversationsWithMembersHere();
        var identities = _state.Sessions.OnlineUsers().Select(u => u.Identity).ToHashSet(StringComparer.Ordinal);
        _sequencer.KeepOnly(c => rooms.Contains(c) || Conversations.IsDirectOfAny(c, identities));
        foreach (string conversation in _sequencer.Watched.ToList())
        {
            _sequencer.CatchUp(conversation);
        }
        _names.Renew(_state.Sessions.OnlineUsers().Where(u => !u.Registered).Select(u => u.Skeleton));
        _roomIdentities.Renew(_state.Cluster.PublicRoomsHere());
    }

    /// <summary>
    /// Who is online elsewhere, read again; with <paramref name="forget"/>, the users no longer there
    /// (their server died, or they left while Redis was down) leave their rooms here.
    /// </summary>
    private void ReloadOnline(bool forget)
    {
        foreach (RemoteUser user in _remote.Reload(forget))
        {
            _state.Cluster.ForgetRemote(user);
        }
    }

    /// <summary>
    /// Redis is back, maybe restarted empty: this server writes its heartbeat, users and guest names
    /// again and delivers what it missed. The others do the same as they reconnect, so for a few
    /// checks a user missing from the online list is not taken for gone.
    /// </summary>
    private void Rejoin()
    {
        _remote.Beat();
        IReadOnlyList<ChatUser> users = _state.Sessions.OnlineUsers();
        foreach (ChatUser user in users)
        {
            _remote.Arrived(user, user.Away);
        }
        _names.Renew(users.Where(u => !u.Registered).Select(u => u.Skeleton));
        _forgetFrom = _checks + 10;
        ReloadOnline(forget: false);
        CheckAll();
    }

    private void Enqueue(Action work) => _worker.Enqueue(work);
}
