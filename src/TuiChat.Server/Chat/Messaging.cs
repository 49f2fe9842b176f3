using TuiChat.Protocol;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>Chat lines and file offers: resolving where they go and queueing them to their recipients.</summary>
public sealed class Messaging : IMessaging
{
    private readonly ChatCore _core;
    private readonly Memberships _memberships;

    internal Messaging(ChatCore core, Memberships memberships)
    {
        _core = core;
        _memberships = memberships;
    }

    /// <summary>
    /// Resolves where a message or file from <paramref name="user"/> to <paramref name="recipient"/> goes:
    /// a room the user is in, an online user, or (with <paramref name="account"/>) an offline registered user.
    /// </summary>
    public Outcome ResolveTarget(ChatUser user, string recipient, string? account, out Target? target)
    {
        lock (_core.Sync)
        {
            return ResolveTargetLocked(user, recipient, account, out target);
        }
    }

    /// <summary>
    /// Numbers a chat line and queues it to everyone who receives it, all under the lock so that
    /// ids, room sequence numbers and delivery order agree. Returns what the store must keep.
    /// </summary>
    public Outcome Post(ChatUser user, IClientLink origin, string recipient, string? account, string text, bool notice, out StoredMessage? stored, out string? offlineRecipient)
    {
        stored = null;
        offlineRecipient = null;
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                Outcome outcome = ResolveTargetLocked(user, recipient, account, out Target? target);
                if (!outcome.Ok)
                {
                    return outcome;
                }
                (long id, DateTimeOffset ts) = NumberLocked();
                // In a cluster a line is delivered by the cluster once stored, numbered by the database in
                // its conversation (a room's or a direct one), in that order, on every server.
                if (_core.Cluster is null)
                {
                    Room? room = target!.IsRoom ? _core.Rooms[NameRules.Key(target.Name)] : null;
                    DeliverLocked(user, target, room, new MessagePosted(id, ts, user.Name, target.Name, text, target.IsRoom, room?.NextSeq() ?? 0) { Origin = origin, Notice = notice }, after);
                }
                stored = new StoredMessage(id, ts, target!.Conversation, user.Name, target.Name, text, Notice: notice);
                offlineRecipient = target.OfflineRecipient ?? SessionEndedDuring(target) ?? AccountOnlyElsewhere(target);
                return Outcome.Success;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// Passes a client-to-client query, or its answer (<see cref="ClientQuery"/>), from
    /// <paramref name="user"/> to the sessions of the person <paramref name="to"/> resolved to
    /// (<see cref="ResolveTarget"/>) whose clients answer such queries. Nothing is stored or
    /// numbered. In a cluster, when none here took it and that person is online on another server,
    /// it goes there (<see cref="IClusterLink.Query"/>), which cannot tell back whether one took it.
    /// False when none took it: that identity is not online (the name may have passed to someone
    /// else since), or none of its clients has such queries (a native one).
    /// </summary>
    public bool PassQuery(ChatUser user, Target to, string text, bool answer)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                if (to.IsRoom)
                {
                    return false;
                }
                if (PassQueryLocked(user.Name, NameRules.Key(to.Name), to.Identity, text, answer, after))
                {
                    return true;
                }
                if (_core.Cluster is { } cluster && cluster.FindRemote(NameRules.Key(to.Name)) is { } remote && remote.Identity == to.Identity)
                {
                    cluster.Query(user.Name, remote, text, answer);
                    return true;
                }
                return false;
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// A query another server of the cluster passed on (<see cref="IClusterLink.Query"/>) for the
    /// user online here under <paramref name="userKey"/>, when it is still the person with
    /// <paramref name="identity"/>: to its sessions whose clients answer such queries.
    /// </summary>
    public void PassRemoteQuery(string from, string userKey, string identity, string text, bool answer)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                PassQueryLocked(from, userKey, identity, text, answer, after);
            }
        }
        finally
        {
            after.Leave();
        }
    }

    /// <summary>
    /// Up to the last id handed out or delivered here; in a cluster, past that, up to the store's
    /// highest: another server stored lines this one may know only from <c>history</c> (read outside
    /// the lock, and only for such an id).
    /// </summary>
    public bool IsLineId(long msgId)
    {
        lock (_core.Sync)
        {
            long last = _core.MessageIds.Last;
            if (msgId <= last || _core.Cluster is null)
            {
                return msgId <= last;
            }
        }
        long stored = _core.Store.MaxMessageId();
        lock (_core.Sync)
        {
            _core.MessageIds.Saw(stored);
        }
        return msgId <= stored;
    }

    public (long MsgId, DateTimeOffset Ts) NumberLine()
    {
        lock (_core.Sync)
        {
            return NumberLocked();
        }
    }

    /// <summary>A line's id and its time, taken together so that times rise with ids (<see cref="LineClock"/>).</summary>
    private (long MsgId, DateTimeOffset Ts) NumberLocked() => (_core.MessageIds.Next(), _core.LineTimes.Next(_core.Time.GetUtcNow()));

    /// <summary>Queues an event (a file offer) to the recipients of <paramref name="target"/>.</summary>
    public void Deliver(ChatUser user, Target target, ChatEvent e)
    {
        AfterLock after = AfterLock.Enter();
        try
        {
            lock (_core.Sync)
            {
                if (_core.Cluster is not null)
                {
                    // Stored already as a line of its conversation: the cluster delivers it in that order, on every server.
                    _core.Cluster.Stored(target.Conversation);
                    return;
                }
                Room? room = target.IsRoom ? _core.Rooms.GetValueOrDefault(NameRules.Key(target.Name)) : null;
                DeliverLocked(user, target, room, e, after);
            }
        }
        finally
        {
            after.Leave();
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
        lock (_core.Sync)
        {
            Outcome outcome = ResolveTargetLocked(user, target.Name, account, out Target? now);
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

    /// <summary>
    /// A registered peer with a session that began to end while this message was queued to it (its
    /// queue overflowed, its socket failed) may never read it there: keep it for the next login too
    /// (a repeat is possible, a loss is not), even when another session of the account got it.
    /// </summary>
    private string? SessionEndedDuring(Target target) =>
        !target.IsRoom && !Identities.IsGuest(target.Identity)
            && _core.Online.TryGetValue(NameRules.Key(target.Name), out ChatUser? peer) && peer.HasEndingSession
            ? target.Name
            : null;

    /// <summary>
    /// In a cluster, an account with no live session here: its sessions elsewhere may be on a server
    /// that has just died (its users look online for a few seconds more), so the message goes to its
    /// offline queue too, which the server that delivers it to a session of the account empties.
    /// </summary>
    private string? AccountOnlyElsewhere(Target target) =>
        _core.Cluster is not null && !target.IsRoom && !Identities.IsGuest(target.Identity)
            && !(_core.Online.TryGetValue(NameRules.Key(target.Name), out ChatUser? peer) && peer.HasLiveSession)
            ? target.Name
            : null;

    private Outcome ResolveTargetLocked(ChatUser user, string to, string? account, out Target? target)
    {
        target = null;
        if (NameRules.IsRoomName(to))
        {
            if (!_memberships.TryGetJoinedLocked(user, to, out Room? room, out Outcome refusal))
            {
                return refusal;
            }
            target = new Target(room.Name, room.Conversation, room.Conversation, IsRoom: true, OfflineRecipient: null);
            return Outcome.Success;
        }
        if (_core.Online.TryGetValue(NameRules.Key(to), out ChatUser? peer) && peer.HasLiveSession)
        {
            target = new Target(peer.Name, Conversations.Direct(user.Identity, peer.Identity), peer.Identity, IsRoom: false, OfflineRecipient: null);
            return Outcome.Success;
        }
        if (_core.Cluster?.FindRemote(NameRules.Key(to)) is { } remote)
        {
            // Online on another server: the cluster takes the line there once it is stored.
            target = new Target(remote.Name, Conversations.Direct(user.Identity, remote.Identity), remote.Identity, IsRoom: false, OfflineRecipient: null);
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

    /// <summary>
    /// The user online here under <paramref name="target"/>'s name when it is still the person the
    /// target was resolved to: a name can pass to someone else (a guest leaves, another takes it).
    /// </summary>
    private ChatUser? OnlineAsLocked(Target target) => OnlineAsLocked(NameRules.Key(target.Name), target.Identity);

    private ChatUser? OnlineAsLocked(string userKey, string identity) =>
        _core.Online.TryGetValue(userKey, out ChatUser? user) && user.Identity == identity ? user : null;

    /// <summary>A query to the live sessions here of the person with <paramref name="identity"/>; false when none took it.</summary>
    private bool PassQueryLocked(string from, string userKey, string identity, string text, bool answer, AfterLock after) =>
        OnlineAsLocked(userKey, identity) is { HasLiveSession: true } peer && after.Send(peer, new ClientQuery(from, peer.Name, text, answer));

    /// <summary>
    /// To a room's online members, or to the sender and the (online) peer of a direct conversation:
    /// every session of each, so the sender's other sessions see its line too.
    /// </summary>
    private void DeliverLocked(ChatUser user, Target target, Room? room, ChatEvent e, AfterLock after)
    {
        if (target.IsRoom)
        {
            if (room is not null && room.Conversation == target.Identity)
            {
                ChatCore.SendAllLocked(room, e, after);
            }
            return;
        }
        after.Send(user, e);
        if (OnlineAsLocked(target) is { } peer && peer != user)
        {
            after.Send(peer, e);
            _core.WatchEachOtherLocked(user, peer);
        }
    }
}
