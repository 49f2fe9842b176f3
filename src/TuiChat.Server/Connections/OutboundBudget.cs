namespace TuiChat.Server.Connections;

/// <summary>
/// The bytes queued for all clients together, against one server-wide cap. Each
/// <see cref="Outbox"/> reports what it adds and what it writes or drops. While the total is over
/// the cap, a queue holding more than its fair share refuses frames (its owner drops it for
/// sendq), so the clients that do not read pay for it, not the ones that keep up. Thread-safe.
/// </summary>
public sealed class OutboundBudget(long maxBytes, int fairShareBytes)
{
    private long _total;

    public long TotalBytes => Interlocked.Read(ref _total);

    /// <summary>True when a queue already holding <paramref name="queued"/> bytes may add <paramref name="adding"/> more.</summary>
    public bool Allows(long queued, int adding) =>
        maxBytes <= 0 || queued + adding <= fairShareBytes || Interlocked.Read(ref _total) + adding <= maxBytes;

    public void Add(long bytes) => Interlocked.Add(ref _total, bytes);

    public void Release(long bytes) => Interlocked.Add(ref _total, -bytes);
}
