using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>The reader thread: every frame the server sends goes through <see cref="Dispatch"/>.</summary>
public sealed partial class ChatConnection
{
    private void ReadLoop(FrameSession session)
    {
        string reason = "the server closed the connection";
        try
        {
            while (session.TryReadFrame(out ReadOnlyMemory<byte> payload))
            {
                Dispatch(session, payload.Span);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or ProtocolViolationException or EndOfStreamException)
        {
            reason = e.Message;
        }
        OnSessionEnded(session, reason);
    }

    private void Dispatch(FrameSession session, ReadOnlySpan<byte> payload)
    {
        Envelope envelope = MessageCodec.ReadEnvelope(payload);
        if (envelope.Re is { } re && envelope.Type is MessageTypes.Ok or MessageTypes.Error)
        {
            CompleteReply(re, payload);
            return;
        }
        try
        {
            switch (envelope.Type)
            {
                case MessageTypes.Ping:
                    _ = AnswerPingAsync(session);
                    break;
                case MessageTypes.Pong:
                    break;
                case MessageTypes.Error:
                    ErrorReply error = MessageCodec.Decode<ErrorReply>(payload);
                    OnUnsolicitedError(error);
                    ErrorReceived?.Invoke(this, error);
                    break;
                case MessageTypes.FileChunk:
                    OnDownloadChunk(MessageCodec.Decode<FileChunk>(payload));
                    break;
                case MessageTypes.OfflineBatch:
                    _ = OfflineAcknowledger.AcknowledgeAsync(session, MessageCodec.Decode<OfflineBatchEvent>(payload));
                    break;
                case MessageTypes.FileEnd:
                    OnDownloadEnd(MessageCodec.Decode<FileEndEvent>(payload).FileId);
                    break;
                default:
                    if (DecodeEvent(envelope.Type, payload) is { } serverEvent)
                    {
                        Observe(serverEvent);
                        EventReceived?.Invoke(this, serverEvent);
                    }
                    break;
            }
        }
        catch (BadRequestException)
        {
            // A frame we cannot map (a newer server's variant): ignoring it keeps the session usable.
        }
    }

    private static ServerEvent? DecodeEvent(string type, ReadOnlySpan<byte> payload) => type switch
    {
        MessageTypes.Message => MessageCodec.Decode<ChatMessage>(payload),
        MessageTypes.Joined => MessageCodec.Decode<JoinedEvent>(payload),
        MessageTypes.Left => MessageCodec.Decode<LeftEvent>(payload),
        MessageTypes.Invited => MessageCodec.Decode<InvitedEvent>(payload),
        MessageTypes.Topic => MessageCodec.Decode<TopicEvent>(payload),
        MessageTypes.Presence => MessageCodec.Decode<PresenceEvent>(payload),
        MessageTypes.Shutdown => MessageCodec.Decode<ShutdownEvent>(payload),
        MessageTypes.File => MessageCodec.Decode<FileEvent>(payload),
        _ => null,
    };

    /// <summary>What the connection itself must remember from events: its rooms, a shutdown, finished uploads.</summary>
    private void Observe(ServerEvent serverEvent)
    {
        switch (serverEvent)
        {
            case JoinedEvent joined when IsMe(joined.User):
                TrackRoom(joined.Room, joined: true);
                break;
            case LeftEvent left when IsMe(left.User):
                TrackRoom(left.Room, joined: false);
                break;
            case ShutdownEvent shutdown:
                _shutdownReason = string.IsNullOrWhiteSpace(shutdown.Reason) ? "shut down by " + shutdown.By : shutdown.Reason;
                break;
            case FileEvent file:
                OnFileStored(file);
                break;
        }
    }

    private bool IsMe(string user) => NameRules.Key(user) == NameRules.Key(UserName);

    private static async Task AnswerPingAsync(FrameSession session)
    {
        try
        {
            await session.SendAsync(MessageCodec.EncodeFrame(new PongMessage()), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The reader notices the broken connection by itself.
        }
    }
}
