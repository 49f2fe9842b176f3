namespace TuiChat.Server.Chat;

/// <summary>
/// An event of one room or group. <see cref="Seq"/> counts the room's events since the server
/// started (1, 2, 3...): a recipient that sees a gap knows it missed something.
/// </summary>
public abstract class RoomEvent(string room, long seq) : ChatEvent
{
    public string Room { get; } = room;

    public long Seq { get; } = seq;
}

/// <summary>A chat line, to a room (<see cref="RoomEvent.Seq"/> set) or a direct one (Seq 0, <see cref="IsRoom"/> false).</summary>
public sealed class MessagePosted(long msgId, DateTimeOffset ts, string from, string to, string text, bool isRoom, long seq, bool offline = false)
    : RoomEvent(to, seq)
{
    public long MsgId { get; } = msgId;

    public DateTimeOffset Ts { get; } = ts;

    public string From { get; } = from;

    /// <summary>The room, or the user the direct message was sent to.</summary>
    public string To { get; } = to;

    public string Text { get; } = text;

    public bool IsRoom { get; } = isRoom;

    /// <summary>Kept while the recipient was offline and delivered at its login.</summary>
    public bool Offline { get; } = offline;

    /// <summary>A notice (IRC's NOTICE), which nothing answers automatically: IRC clients get it as one.</summary>
    public bool Notice { get; init; }

    /// <summary>
    /// The session that sent the line (null for stored lines): the sender's other sessions get it as
    /// their own line, while an IRC session without echo-message must not get its own back.
    /// </summary>
    public IClientLink? Origin { get; init; }

    public override int SizeHint => Estimate(Text) + From.Length + To.Length;
}

/// <summary>A member joined a room; <see cref="Away"/> is set when the user was away as it joined.</summary>
public sealed class MemberJoined(string room, long seq, string user, string? away = null) : RoomEvent(room, seq)
{
    public string User { get; } = user;

    /// <summary>
    /// The joiner's away state, for protocols that announce it right after the join (IRCv3
    /// away-notify); one event shared by the whole fan-out, so it is encoded once per protocol.
    /// </summary>
    public AwayChanged? Away { get; } = away is null ? null : new AwayChanged(user, away);

    /// <summary>Who invited the user into a group; null for a join. The wire shows it in <c>invited</c>, sent to the invitee.</summary>
    public string? InvitedBy { get; init; }

    /// <summary>
    /// The room as this join left it, on the copy the joiner's own sessions get (<see cref="ForJoiner"/>);
    /// null on the one its room mates get. Protocols that follow one's own join with the room's topic and
    /// members (IRC's 332 and NAMES) take them from it, whatever caused the join: a command, an
    /// invitation, a login. Copied under the ChatState lock, so the joins after it add to it in order.
    /// </summary>
    public RoomView? RoomAtJoin { get; private init; }

    /// <summary>The copy of this event for the joiner's own sessions, carrying <paramref name="room"/>.</summary>
    public MemberJoined ForJoiner(RoomView room) => new(Room, Seq, User) { InvitedBy = InvitedBy, RoomAtJoin = room };

    public override int SizeHint => Estimate(Room) + User.Length + (RoomAtJoin is { } room ? RoomSize(room) : 0);

    /// <summary>The topic and the names: a name may take three times its length in another encoding (IDNA), plus its share of the lines around it.</summary>
    private static int RoomSize(RoomView room)
    {
        int size = Estimate(room.Topic);
        foreach (string member in room.Members)
        {
            size += 3 * member.Length + 8;
        }
        return size;
    }
}

/// <summary>A member left a room; <see cref="Reason"/> is one of <c>LeftReasons</c> (leave, kick, quit, sendq...).</summary>
public sealed class MemberLeft(string room, long seq, string user, string reason, string? text = null, string? by = null) : RoomEvent(room, seq)
{
    public string User { get; } = user;

    public string Reason { get; } = reason;

    /// <summary>What the user said when it quit or left, or the reason it was kicked with (<see cref="StatusText"/>); null when nothing.</summary>
    public string? Text { get; } = text;

    /// <summary>Who kicked the user (IRC's <c>KICK</c> comes from them); null for every other reason.</summary>
    public string? By { get; } = by;

    /// <summary>True when the whole session ended (not a leave or a kick from this one room).</summary>
    public bool SessionEnded => Reason is not (Protocol.Messages.LeftReasons.Leave or Protocol.Messages.LeftReasons.Kick);

    public override int SizeHint => Estimate(Room) + User.Length + Reason.Length + (Text?.Length * 3 ?? 0) + (By?.Length ?? 0);
}

public sealed class TopicChanged(string room, long seq, string topic, string by) : RoomEvent(room, seq)
{
    public string Topic { get; } = topic;

    public string By { get; } = by;

    public override int SizeHint => Estimate(Topic) + Room.Length + By.Length;
}

/// <summary>A user came online or went offline; sent only to those who share a room with it or asked (PROTOCOL.md).</summary>
public sealed class PresenceChanged(string user, bool online) : ChatEvent
{
    public string User { get; } = user;

    public bool Online { get; } = online;

    public override int SizeHint => Estimate(User);
}

/// <summary>A user went away with <see cref="Text"/>, or came back (null).</summary>
public sealed class AwayChanged(string user, string? text) : ChatEvent
{
    public string User { get; } = user;

    public string? Text { get; } = text;

    public override int SizeHint => Estimate(Text ?? "") + User.Length;
}

/// <summary>
/// A query from one user's client to another's, or its answer, passed on as it is and never
/// stored: IRC's CTCP (VERSION, PING, TIME...), which IRC clients answer by themselves. Only links
/// whose clients answer such queries take it (<see cref="SendResult.NotTaken"/> from the others).
/// </summary>
public sealed class ClientQuery(string from, string to, string text, bool answer) : ChatEvent
{
    public string From { get; } = from;

    public string To { get; } = to;

    /// <summary>The query as the sending client wrote it.</summary>
    public string Text { get; } = text;

    /// <summary>True for an answer (IRC: a NOTICE), false for a query (a PRIVMSG).</summary>
    public bool Answer { get; } = answer;

    public override int SizeHint => Estimate(Text) + From.Length + To.Length;
}

/// <summary>The account read <see cref="Room"/> up to <see cref="MsgId"/> in another of its sessions.</summary>
public sealed class ReadMoved(string room, long msgId) : ChatEvent
{
    public string Room { get; } = room;

    public long MsgId { get; } = msgId;

    public override int SizeHint => Estimate(Room) + 20;
}

/// <summary><see cref="Invitee"/> (the recipient) was made a member of a group.</summary>
public sealed class InvitedToGroup(string room, string by, string invitee) : ChatEvent
{
    public string Room { get; } = room;

    public string By { get; } = by;

    public string Invitee { get; } = invitee;

    public override int SizeHint => Estimate(Room) + By.Length;
}

/// <summary>A stored file offered to a room's members or to a user.</summary>
public sealed class FileOffered(Storage.FileRecord file, bool offline) : ChatEvent
{
    public Storage.FileRecord File { get; } = file;

    public bool Offline { get; } = offline;

    public override int SizeHint => Estimate(File.Name) + 200;
}

/// <summary>The recipient's own session ends (shutdown, admin kick): the last thing it is told.</summary>
public sealed class SessionEnded(string reason, string by, string detail) : ChatEvent
{
    /// <summary>One of <c>LeftReasons</c>.</summary>
    public string Reason { get; } = reason;

    public string By { get; } = by;

    public string Detail { get; } = detail;

    public override int SizeHint => Estimate(Detail) + By.Length;
}

/// <summary>The one mapping from a stored line to the event every protocol encodes (live, offline, history).</summary>
public static class StoredMessages
{
    /// <param name="origin">The session that sent the line, when it is delivered live (<see cref="MessagePosted.Origin"/>).</param>
    public static MessagePosted ToEvent(Storage.StoredMessage m, bool offline = false, long seq = 0, IClientLink? origin = null) =>
        new(m.MsgId, m.Ts, m.From, m.To, m.Text, Protocol.NameRules.IsRoomName(m.To), seq, offline) { Origin = origin, Notice = m.Notice };
}
