using System.Text;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Bench.Wire;

/// <summary>
/// TuiChat: <c>hello</c> as a guest (id <c>h</c>) that starts in no room (<c>rooms:[]</c>: like an
/// IRC client, a bench client is in the rooms it joins and no other, not also in #general),
/// <c>join</c> (id <c>j</c>), and <c>msg</c> without an id, so that like an IRC PRIVMSG it costs
/// the server no reply.
/// </summary>
internal sealed class TuiChatWire : IWire
{
    private const string HelloId = "h";
    private const string JoinId = "j";

    private static ReadOnlySpan<byte> TypeOk => "{\"type\":\"ok\""u8;
    private static ReadOnlySpan<byte> TypeError => "{\"type\":\"error\""u8;
    private static ReadOnlySpan<byte> TypePing => "{\"type\":\"ping\""u8;
    private static ReadOnlySpan<byte> ReHello => "\"re\":\"h\""u8;
    private static ReadOnlySpan<byte> ReJoin => "\"re\":\"j\""u8;

    public string Name => "tuichat";

    public bool EchoesToSender => true;

    public int Scan(ReadOnlySpan<byte> data, IReceiveSink sink, out int needed) =>
        TuiChatScanner.Scan(data, sink, out needed);

    public byte[] Login(string user) => MessageCodec.EncodeFrame(new HelloRequest
    {
        Id = HelloId,
        Protocol = ProtocolLimits.Version,
        User = user,
        Client = "tuichat-bench/1.0",
        Rooms = [],
    });

    public byte[] Join(string room) => MessageCodec.EncodeFrame(new JoinRequest { Id = JoinId, Room = room });

    public byte[] Pong(ReadOnlySpan<byte> ping) => MessageCodec.EncodeFrame(new PongMessage());

    public ControlKind Classify(ReadOnlySpan<byte> unit)
    {
        // Frames the server builds put "type" first; events (presence, joined...) fall through cheaply.
        if (unit.StartsWith(TypeOk))
        {
            return unit.IndexOf(ReHello) >= 0 ? ControlKind.LoggedIn
                : unit.IndexOf(ReJoin) >= 0 ? ControlKind.Joined
                : ControlKind.Other;
        }
        if (unit.StartsWith(TypeError))
        {
            return unit.IndexOf(ReHello) >= 0 ? ControlKind.LoginFailed
                : unit.IndexOf(ReJoin) >= 0 ? ControlKind.JoinFailed
                : ControlKind.Error;
        }
        return unit.StartsWith(TypePing) ? ControlKind.Ping : ControlKind.Other;
    }

    public MessageTemplate Message(string room, int textBytes)
    {
        string text = new('x', textBytes);
        byte[] frame = MessageCodec.EncodeFrame(new MsgRequest { To = room, Text = text });
        int markerOffset = frame.AsSpan().IndexOf(Encoding.UTF8.GetBytes("\"text\":\"" + text)) + "\"text\":\"".Length;
        return new MessageTemplate(frame, markerOffset);
    }
}
