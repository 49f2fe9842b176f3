namespace TuiChat.Server.Chat;

/// <summary>What queueing an event to a link asks of the caller once it has released its lock.</summary>
public enum SendResult
{
    /// <summary>Queued; the link's writer is already running.</summary>
    Queued,

    /// <summary>Queued; the caller must call <see cref="IClientLink.StartWriter"/>.</summary>
    StartWriter,

    /// <summary>Refused: the link's queue is over its limit (or closed); the caller must call <see cref="IClientLink.DropOverflowed"/>.</summary>
    Overflow,

    /// <summary>Nothing queued: the link's protocol has nothing to show for the event (a <see cref="ClientQuery"/> to a native client).</summary>
    NotTaken,
}

/// <summary>
/// What the chat core may do to a client: queue domain events (the link encodes them in its own
/// protocol) and end the session. <see cref="Send"/> never blocks and does nothing but an append,
/// so the ChatState calls it inside its lock and does the rest (<see cref="StartWriter"/>,
/// <see cref="DropOverflowed"/>) after.
/// </summary>
public interface IClientLink
{
    /// <summary>The remote address (host only), for logs and per-address login throttling.</summary>
    string RemoteAddress { get; }

    /// <summary>Queues an event without starting anything.</summary>
    SendResult Send(ChatEvent e);

    /// <summary>
    /// Reads, without a lock, what the next <see cref="Send"/> and its write will touch, and
    /// changes nothing: a room's broadcast calls it for every member before it queues to any
    /// (<see cref="ChatCore.SendAllLocked"/>).
    /// </summary>
    void Prefetch();

    /// <summary>Starts the writer claimed by a <see cref="Send"/> that returned <see cref="SendResult.StartWriter"/>.</summary>
    void StartWriter();

    /// <summary>Drops the client whose queue overflowed ("sendq"): logs and closes, never inside the ChatState lock.</summary>
    void DropOverflowed();

    /// <summary>
    /// True once the session is ending (any reason): frames queued from now on may never be read, so
    /// the ChatState treats the user as offline (a registered user's direct messages are kept for it).
    /// </summary>
    bool IsClosing { get; }

    /// <summary>Takes the user offline, flushes what is queued, then closes the connection; <paramref name="reason"/> goes into <c>left</c> events.</summary>
    void Disconnect(string reason);
}
