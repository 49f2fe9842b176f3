using TuiChat.Server.Chat;
using TuiChat.Server.Connections;
using TuiChat.Server.Delivery;
using TuiChat.Server.Files;

namespace TuiChat.Server.Commands;

/// <summary>
/// The per-connection state that commands read and change: who is logged in, failed hellos,
/// uploads in progress, the offline delivery. Only the connection's reader thread touches it (<see cref="MessageAcks"/>
/// itself is also answered from store continuations).
/// </summary>
public sealed class ClientSession(IReplyLink link, TokenBucket? rate = null)
{
    private int _downloads;

    public IReplyLink Link { get; } = link;

    /// <summary>The connection's request rate limit; null when rate limiting is off.</summary>
    public TokenBucket? Rate { get; } = rate;

    /// <summary>Downloads whose file is open; changed by the reader and by the outbox writer.</summary>
    public int Downloads => Volatile.Read(ref _downloads);

    /// <summary>Counts a download in; false (and nothing counted) when <paramref name="max"/> are in progress.</summary>
    public bool TryStartDownload(int max)
    {
        while (true)
        {
            int current = Volatile.Read(ref _downloads);
            if (current >= max)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _downloads, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void EndDownload() => Interlocked.Decrement(ref _downloads);

    /// <summary>Takes a token from the rate limit; true when the request may go on.</summary>
    public bool TryTakeRate() => Rate is null || Rate.TryTake();

    /// <summary>Null until <c>hello</c> succeeds.</summary>
    public ChatUser? User { get; set; }

    public int FailedHellos { get; set; }

    /// <summary>The chat lines waiting for their store commit; created by the first <c>msg</c>.</summary>
    public MessageAcks? MessageAcks { get; set; }

    /// <summary>Set by <c>quit</c>: the reader stops reading.</summary>
    public bool Ended { get; set; }

    /// <summary>A registered user's offline delivery, for its <c>offline.ack</c>s; null for guests.</summary>
    public OfflineDelivery? Offline { get; set; }

    public Dictionary<string, Upload> Uploads { get; } = new(StringComparer.Ordinal);
}
