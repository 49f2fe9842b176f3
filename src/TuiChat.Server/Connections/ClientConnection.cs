using System.Net.Sockets;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Commands;
using TuiChat.Server.Files;
using ProtocolViolationException = TuiChat.Protocol.ProtocolViolationException;

namespace TuiChat.Server.Connections;

/// <summary>
/// A TuiChat-protocol connection: its reader reads length-prefixed JSON frames and runs them
/// through the dispatcher with the connection's reply buffer. A frame that breaks the framing
/// rules gets <c>bad_frame</c> and closes the connection; unfinished uploads are dropped at the end.
/// </summary>
public sealed class ClientConnection : Connection, IReplyLink
{
    private static readonly byte[] PingFrame = MessageCodec.EncodeFrame(new PingMessage());

    private static readonly byte[] SendQueueFrame = MessageCodec.EncodeFrame(new ErrorReply
    {
        Code = ErrorCodes.SendQueue,
        Message = "you fell too far behind reading what the server sent; reconnect to continue",
    });

    private readonly RequestDispatcher _dispatcher;
    private readonly ReplyBuffer _reply;

    /// <summary>
    /// Set while a hello is being processed: the deadline is for the client to send it, not for a
    /// busy server to process it. A refused hello does not buy more time.
    /// </summary>
    private volatile bool _helloReceived;

    /// <param name="budget">The server-wide cap on queued outbound bytes; null for none.</param>
    public ClientConnection(Socket socket, Func<Socket, Stream> openStream, ServerServices services, RequestDispatcher dispatcher, Action<Connection> onClosed,
        OutboundBudget? budget = null)
        : base(socket, openStream, services, TuiChatEncoder.Instance, onClosed, "tuichat reader", budget)
    {
        _dispatcher = dispatcher;
        Session = new ClientSession(this, services.Options.RatePerSecond > 0
            ? new TokenBucket(services.Time, services.Options.RatePerSecond, services.Options.RateBurst)
            : null);
        _reply = new ReplyBuffer(Session, services.Log, services.Options.MaxMessagesInFlight, StartHeldWriters);
    }

    public ClientSession Session { get; }

    /// <summary>A native client has no client-to-client queries (CTCP) to answer: it takes none.</summary>
    public override SendResult Send(ChatEvent e) => e is ClientQuery ? SendResult.NotTaken : base.Send(e);

    protected override ChatUser? User => Session.User;

    protected override bool AwaitingLogin => !_helloReceived;

    public void SendFrames(IReadOnlyList<byte[]> frames)
    {
        for (int i = 0; i < frames.Count; i++)
        {
            SendFrame(frames[i]);
        }
    }

    public void AddSource(IFrameSource source) => Out.AddSource(source);

    protected override void SendIdlePing() => SendFrame(PingFrame);

    protected override byte[] SendQueueNotice => SendQueueFrame;

    protected override void Serve(Stream stream)
    {
        try
        {
            ReadLoop(new FrameReader(stream, Math.Min(Services.Options.MaxFrameBeforeLogin, Services.Options.MaxFrame)));
        }
        catch (ProtocolViolationException e)
        {
            Log.Warning("Protocol violation from {Client} ({User}): {Reason}", EndPoint, Session.User?.Name, LogText.Safe(e.Message, 200));
            SendFrame(MessageCodec.EncodeFrame(new ErrorReply { Re = null, Code = ErrorCodes.BadFrame, Message = e.Message }));
            Disconnect(LeftReasons.Disconnect);
        }
    }

    protected override void OnEnding()
    {
        foreach (Upload upload in Session.Uploads.Values)
        {
            upload.Dispose();
            Services.Files.Discard(upload.FileId);
        }
        Session.Uploads.Clear();
    }

    private bool ReadFrame(FrameReader reader, out ReadOnlyMemory<byte> payload)
    {
        if (!reader.HasFrame)
        {
            StartHeldWriters();
        }
        return reader.TryReadFrame(out payload);
    }

    private void ReadLoop(FrameReader reader)
    {
        while (!Session.Ended && !Closing && ReadFrame(reader, out ReadOnlyMemory<byte> payload))
        {
            Received();
            HoldWriters();
            Envelope envelope = MessageCodec.ReadEnvelope(payload.Span);
            if (envelope.Type == MessageTypes.Hello)
            {
                _helloReceived = true;
            }
            _dispatcher.Dispatch(Session, _reply, envelope, payload.Span);
            if (Session.User is not null)
            {
                // Logged in: frames up to the full limit (file chunks) from now on.
                reader.MaxFrame = Services.Options.MaxFrame;
            }
            _helloReceived = false;
        }
    }
}
