using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;

namespace TuiChat.Server.Connections;

/// <summary>Encodes domain events as TuiChat frames (docs/PROTOCOL.md section 5).</summary>
public sealed class TuiChatEncoder : IEventEncoder
{
    public static readonly TuiChatEncoder Instance = new();

    private TuiChatEncoder()
    {
    }

    public int Slot => 0;

    public byte[] Encode(ChatEvent e) => e switch
    {
        MessagePosted m => MessageCodec.EncodeFrame(ToWire(m)),
        MemberJoined j => MessageCodec.EncodeFrame(new JoinedEvent { Room = j.Room, User = j.User, Topic = j.RoomAtJoin?.Topic, Seq = j.Seq }),
        MemberLeft l => MessageCodec.EncodeFrame(new LeftEvent { Room = l.Room, User = l.User, Reason = l.Reason, Text = l.Text, By = l.By, Seq = l.Seq }),
        TopicChanged t => MessageCodec.EncodeFrame(new TopicEvent { Room = t.Room, Topic = t.Topic, By = t.By, Seq = t.Seq }),
        PresenceChanged p => MessageCodec.EncodeFrame(new PresenceEvent { User = p.User, Online = p.Online }),
        AwayChanged a => MessageCodec.EncodeFrame(new AwayEvent { User = a.User, Text = a.Text }),
        ReadMoved r => MessageCodec.EncodeFrame(new ReadEvent { Room = r.Room, MsgId = r.MsgId }),
        InvitedToGroup i => MessageCodec.EncodeFrame(new InvitedEvent { Room = i.Room, By = i.By }),
        FileOffered f => MessageCodec.EncodeFrame(FileEvents.From(f.File, f.Offline)),
        // A kicked user already got its left events; only a shutdown has a frame of its own.
        SessionEnded { Reason: LeftReasons.Shutdown } s => MessageCodec.EncodeFrame(new ShutdownEvent { By = s.By, Reason = s.Detail }),
        SessionEnded => [],
        _ => throw new ArgumentException($"no TuiChat frame for {e.GetType().Name}", nameof(e)),
    };

    /// <summary>The one mapping from a chat line to the <c>message</c> record (events and history replies).</summary>
    public static ChatMessage ToWire(MessagePosted m) =>
        new() { MsgId = m.MsgId, Ts = Timestamps.ToWire(m.Ts), From = m.From, To = m.To, Text = m.Text, Offline = m.Offline, Notice = m.Notice, Seq = m.Seq };
}
