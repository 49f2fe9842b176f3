using TuiChat.Server.Chat;
using TuiChat.Server.Files;

namespace TuiChat.Server.Commands;

/// <summary>
/// The per-connection state that commands read and change: who is logged in, failed hellos,
/// uploads in progress. Only the connection's reader thread touches it (<see cref="MessageAcks"/>
/// itself is also answered from store continuations).
/// </summary>
public sealed class ClientSession(IReplyLink link)
{
    public IReplyLink Link { get; } = link;

    /// <summary>Null until <c>hello</c> succeeds.</summary>
    public ChatUser? User { get; set; }

    public int FailedHellos { get; set; }

    /// <summary>The chat lines waiting for their store commit; created by the first <c>msg</c>.</summary>
    public MessageAcks? MessageAcks { get; set; }

    /// <summary>Set by <c>quit</c>: the reader stops reading.</summary>
    public bool Ended { get; set; }

    public Dictionary<string, Upload> Uploads { get; } = new(StringComparer.Ordinal);
}
