using TuiChat.Server.Connections;

namespace TuiChat.Server.Chat;

/// <summary>
/// What the chat logic may do to a client: queue frames and end the session. It never blocks and
/// never touches the socket directly, so it may be called inside the ChatState lock, and handlers
/// can be tested with a fake.
/// </summary>
public interface IClientLink
{
    /// <summary>The remote address (host only), for logs and per-address login throttling.</summary>
    string RemoteAddress { get; }

    /// <summary>Queues a whole frame. If the client's queue is full the client is dropped ("sendq").</summary>
    void Send(byte[] frame);

    /// <summary>
    /// Queues a whole frame like <see cref="Send"/> but does not start the connection's writer:
    /// returns true when the caller must call <see cref="StartWriter"/>, after releasing its lock.
    /// The ChatState uses it so that thread-pool wake-ups do not happen while it holds its Monitor.
    /// </summary>
    bool SendDeferred(byte[] frame);

    /// <summary>Starts the writer claimed by a <see cref="SendDeferred"/> that returned true.</summary>
    void StartWriter();

    /// <summary>Queues frames produced lazily (a download) after what is already queued.</summary>
    void AddSource(IFrameSource source);

    /// <summary>
    /// True once the session is ending (any reason): frames queued from now on may never be read, so
    /// the ChatState treats the user as offline (a registered user's direct messages are kept for it).
    /// </summary>
    bool IsClosing { get; }

    /// <summary>Takes the user offline, flushes what is queued, then closes the connection; <paramref name="reason"/> goes into <c>left</c> events.</summary>
    void Disconnect(string reason);
}
