using System.Threading.Channels;
using Serilog;
using TuiChat.Protocol;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Cluster;

/// <summary>
/// This server as one node of a cluster (<c>--redis</c>, docs/SCALING.md). A room line is stored
/// first (numbered in its room by PostgreSQL), then handed to the <see cref="RoomSequencer"/> here
/// and published; other nodes' lines arrive from Redis and go through the same sequencer, so every
/// node delivers a room's lines in one order. Joins, leaves and topics are published and applied
/// by the others. One worker thread does all of it in arrival order; a timer makes it compare each
/// watched room with the database every <see cref="CheckInterval"/>, so a quiet room's lost last
/// line is found too, and Redis coming back triggers the same check at once.
/// </summary>
public sealed class ClusterNode : IClusterLink, ILineCommit, IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(2);

    /// <summary>Lines and events stored or published here carry this id; a node ignores its own from Redis.</summary>
    private readonly string _node = Guid.NewGuid().ToString("N")[..12];
    private readonly Channel<Action> _work = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IRoomLog _rooms;
    private readonly ChatState _state;
    private readonly ILogger _log;
    private readonly RedisBackplane _backplane;
    private readonly GuestNames _names;
    private readonly RemoteUsers _remote;
    private readonly RoomIdentities _roomIdentities;
    private readonly RoomSequencer _sequencer;
    private readonly StoreLineCommit _directLines;

    private readonly LineOrigins _origins = new();
    private readonly Thread _worker;
    private readonly Timer _check;
    private readonly Timer _heartbeat;
    private int _checks;

    /// <summary>The first check whose reading of the online list may conclude that users are gone (not just after a Redis restart).</summary>
    private int _forgetFrom;

    private ClusterNode(RedisBackplane backplane, IRoomLog rooms, IChatStore store, ChatState state, ILogger log)
    {
        _backplane = backplane;
        _rooms = rooms;
        _state = state;
        _log = log;
        _names = new GuestNames(backplane.Database, _node, log);
        _remote = new RemoteUsers(backplane.Database, _node, log);
        _roomIdentities = new RoomIdentities(backplane.Database);
        _sequencer = new RoomSequencer(rooms, Deliver);
        _directLines = new StoreLineCommit(store);
        _worker = new Thread(Work) { IsBackground = true, Name = "cluster" };
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
        var node = new ClusterNode(backplane, rooms, store, state, log);
        state.Cluster.JoinCluster(node, node._names);
        var inbox = new ClusterInbox(node._node, state, node._remote, node._sequencer, log, node.Enqueue, shutdown);
        backplane.Subscribe(inbox.OnEvent);
        node._remote.Beat();
        node.Enqueue(() => node.ReloadOnline(forget: false));
        backplane.Restored += () => node.Enqueue(node.Rejoin);
        node._worker.Start();
        log.Information("Cluster node {Node:l}: Redis {Redis:l}", node._node, redis);
        return node;
    }

    public Task<StoredMessage> CommitAsync(StoredMessage proposed, string? offlineRecipient, IClientLink origin) =>
        NameRules.IsRoomName(proposed.To) ? CommitRoomLineAsync(proposed, origin) : CommitDirectAsync(proposed, offlineRecipient, origin);

    public void Watch(string conversation) => Enqueue(() => _sequencer.Watch(conversation));

    public void Stored(string conversation) => Enqueue(() =>
    {
        _sequencer.CatchUp(conversation);
        _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Stored, _node, "", conversation).ToJson());
    });

    public void Publish(Room room, RoomEvent e)
    {
        ClusterEnvelope? envelope = e switch
        {
            // A group's owner travels with its joins: a server that has not seen the group begins it with them.
            // A guest's joins and leaves name its identity: its name may be someone else's by the time they arrive.
            MemberJoined j => new(ClusterEnvelope.Joined, _node, room.Name, room.Conversation, User: j.User, Detail: j.InvitedBy,
                Registered: room.RegisteredMembers.Contains(NameRules.Key(j.User)), Owner: room.IsPrivate ? room.Owner : null,
                Identity: room.GuestIdentities.GetValueOrDefault(NameRules.Key(j.User))),
            // A group's owner who leaves names its next owner: the others switch with the leave itself.
            MemberLeft l => new(ClusterEnvelope.Left, _node, room.Name, room.Conversation, User: l.User, Detail: l.Reason,
                Registered: room.RegisteredMembers.Contains(NameRules.Key(l.User)),
                Owner: room.IsPrivate && NameRules.Key(room.Owner) == NameRules.Key(l.User) ? room.NextOwner(NameRules.Key(l.User)) : null,
                Identity: room.GuestIdentities.GetValueOrDefault(NameRules.Key(l.User))),
            TopicChanged t => new(ClusterEnvelope.Topic, _node, room.Name, room.Conversation, User: t.By, Detail: t.Topic),
            _ => null,
        };
        if (envelope is not null)
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
        _work.Writer.TryComplete();
        _worker.Join(TimeSpan.FromSeconds(5));
        _backplane.Dispose();
    }

    /// <summary>
    /// Stores a room line, then hands it to the sequencer and to the other servers. Its sender is
    /// noted by id before COMMIT: whoever delivers it here (this commit, or a gap fill that reads it
    /// from the database first) delivers it as the sender's own line.
    /// </summary>
    private async Task<StoredMessage> CommitRoomLineAsync(StoredMessage proposed, IClientLink origin)
    {
        NumberedMessage line;
        var ids = new List<long>(1);
        try
        {
            line = await _rooms.AppendRoomLineAsync(proposed, numbered =>
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
        Enqueue(() =>
        {
            _sequencer.Offer(line);
            StoredMessage m = line.Message;
            _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Line, _node, m.To, m.Conversation, line.Seq, m.MsgId, m.Ts.UtcTicks, m.From, m.Text).ToJson());
        });
        return line.Message;
    }

    /// <summary>A direct message: delivered here by the core already; once stored, to the recipient's session on another server.</summary>
    private async Task<StoredMessage> CommitDirectAsync(StoredMessage proposed, string? offlineRecipient, IClientLink origin)
    {
        StoredMessage stored = await _directLines.CommitAsync(proposed, offlineRecipient, origin).ConfigureAwait(false);
        if (offlineRecipient is null)
        {
            Enqueue(() => _backplane.Publish(new ClusterEnvelope(ClusterEnvelope.Direct, _node, stored.To, stored.Conversation, 0, stored.MsgId, stored.Ts.UtcTicks, stored.From, stored.Text).ToJson()));
        }
        return stored;
    }

    /// <summary>A line in its room's order: a file offer (its line has the file's id) as the offer, else as the line.</summary>
    private void Deliver(NumberedMessage line)
    {
        StoredMessage m = line.Message;
        ChatEvent e = m.FileId is { } fileId && _rooms.FindFile(fileId) is { } file
            ? new FileOffered(file, offline: false)
            : StoredMessages.ToEvent(m, seq: line.Seq, origin: _origins.Take(m.MsgId));
        _state.Cluster.DeliverToRoom(m.To, m.Conversation, m.MsgId, e);
    }

    private void CheckAll()
    {
        if (++_checks % 5 == 0)
        {
            ReloadOnline(forget: _checks >= _forgetFrom);
        }
        _sequencer.KeepOnly(_state.Cluster.ConversationsWithMembersHere());
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

    private void Enqueue(Action work) => _work.Writer.TryWrite(work);

    private void Work()
    {
        while (_work.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_work.Reader.TryRead(out Action? work))
            {
                try
                {
                    work();
                }
                catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException or StackExchange.Redis.RedisException)
                {
                    // The database is away: what could not be delivered now is found by the next check.
                    _log.Warning("Cluster: {Reason}; retrying at the next check", e.Message);
                }
            }
        }
    }
}
