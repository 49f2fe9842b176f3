using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// The replies to one request, owned by the dispatcher (ergo's ResponseBuffer is the model):
/// handlers write into it, the dispatcher sends everything in one go when the handler returns,
/// then runs the follow-ups (<see cref="Then"/>) whose events must come after the reply. A chat
/// line's <c>ok</c>, which must wait for the store, is handed to the connection's
/// <see cref="MessageAcks"/>, which keeps the order of the lines. One per connection, reused.
/// </summary>
/// <param name="beforeWaiting">Runs on the reader before it blocks in <see cref="WaitForAckRoom"/>.</param>
public sealed class ReplyBuffer(ClientSession session, Serilog.ILogger log, int maxMessagesInFlight, Action beforeWaiting)
{
    private readonly List<byte[]> _frames = [];
    private readonly List<Action> _then = [];

    /// <summary>The request's id; null when it has none (then no ok is sent, only errors).</summary>
    public string? Re { get; private set; }

    /// <summary>The <c>re</c> for an ok reply (empty when the request has no id).</summary>
    public string OkRe => Re ?? "";

    /// <summary>True once the handler refused the request.</summary>
    public bool Failed { get; private set; }

    internal void Begin(string? re)
    {
        Re = re;
        Failed = false;
        _frames.Clear();
        _then.Clear();
    }

    /// <summary>The success reply; dropped when the request had no id, as PROTOCOL.md says.</summary>
    public void Ok(OkReply ok)
    {
        if (Re is not null)
        {
            _frames.Add(MessageCodec.EncodeFrame(ok));
        }
    }

    /// <summary>An <c>ok</c> with no fields.</summary>
    public void Ok() => Ok(new OkReply { Re = OkRe });

    public void Error(string code, string message)
    {
        Failed = true;
        _frames.Add(MessageCodec.EncodeFrame(new ErrorReply { Re = Re, Code = code, Message = message }));
    }

    public void Fail(Outcome refusal) => Error(refusal.Code!, refusal.Message);

    /// <summary>A frame that is not a reply but belongs with it (a <c>pong</c>).</summary>
    public void Frame(byte[] frame) => _frames.Add(frame);

    /// <summary>Work that runs once the replies are queued (the joins after a login, a disconnect after quit).</summary>
    public void Then(Action action) => _then.Add(action);

    /// <summary>
    /// Blocks the reader while too many of its chat lines wait for their commit; call before posting
    /// a line, so a flooding client cannot grow the server's memory (see <see cref="MessageAcks"/>).
    /// </summary>
    public void WaitForAckRoom() => Acks.WaitForRoom(beforeWaiting);

    /// <summary>
    /// The line's <c>ok</c> (or <c>error unavailable</c>) follows once <paramref name="commit"/> is durable, after
    /// the lines before it; with <paramref name="away"/>, the recipient's away text.
    /// </summary>
    public void WhenStored(Task<StoredMessage> commit, StoredMessage stored, string? away = null) => Acks.Track(commit, stored, Re, away);

    private MessageAcks Acks => session.MessageAcks ??= new MessageAcks(session.Link, log, maxMessagesInFlight);

    /// <summary>Sends what was written, then runs the follow-ups.</summary>
    internal void Flush()
    {
        if (_frames.Count > 0)
        {
            session.Link.SendFrames(_frames);
            _frames.Clear();
        }
        foreach (Action action in _then)
        {
            action();
        }
        _then.Clear();
    }
}
