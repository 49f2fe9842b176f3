using System.Text.Json.Serialization;

namespace TuiChat.Protocol.Messages;

/// <summary>A server frame that is not a reply.</summary>
public abstract record ServerEvent : IFrameMessage
{
    [JsonPropertyOrder(-10)]
    public abstract string Type { get; }
}

public sealed record JoinedEvent : ServerEvent
{
    public override string Type => MessageTypes.Joined;
    public required string Room { get; init; }
    public required string User { get; init; }

    /// <summary>
    /// Extension: the room's topic ("" when it has none), only in the <c>joined</c> that tells the
    /// user itself it is in the room (login, join, invitation); absent from older servers.
    /// </summary>
    public string? Topic { get; init; }

    /// <summary>The room's event number (PROTOCOL.md: gaps mean missed events); absent on direct messages.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Seq { get; init; }
}

public sealed record LeftEvent : ServerEvent
{
    public override string Type => MessageTypes.Left;
    public required string Room { get; init; }
    public required string User { get; init; }
    public required string Reason { get; init; }

    /// <summary>Extension: what the user said when it quit or left (<c>quit{reason}</c>, IRC's <c>QUIT :text</c>), or why it was kicked; absent when nothing.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Text { get; init; }

    /// <summary>Extension: who kicked the user (reason <c>kick</c>, when a user did); absent otherwise and from older servers.</summary>
    public string? By { get; init; }

    /// <summary>The room's event number (PROTOCOL.md: gaps mean missed events); absent on direct messages.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Seq { get; init; }
}

/// <summary>Reasons carried by <see cref="LeftEvent"/>.</summary>
public static class LeftReasons
{
    public const string Leave = "leave";
    public const string Kick = "kick";
    public const string Kicked = "kicked";
    public const string Quit = "quit";
    public const string Disconnect = "disconnect";
    public const string SendQueue = "sendq";
    public const string Timeout = "timeout";
    public const string Shutdown = "shutdown";
}

public sealed record InvitedEvent : ServerEvent
{
    public override string Type => MessageTypes.Invited;
    public required string Room { get; init; }
    public required string By { get; init; }
}

public sealed record TopicEvent : ServerEvent
{
    public override string Type => MessageTypes.Topic;
    public required string Room { get; init; }
    public required string Topic { get; init; }
    public required string By { get; init; }

    /// <summary>The room's event number (PROTOCOL.md: gaps mean missed events); absent on direct messages.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Seq { get; init; }
}

/// <summary><c>message</c>: a chat line in a room (<see cref="To"/> is the room) or a direct message.</summary>
public sealed record ChatMessage : ServerEvent
{
    public override string Type => MessageTypes.Message;
    public required long MsgId { get; init; }
    public required string Ts { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Text { get; init; }

    /// <summary>Extension: set when the line is a file offer (in <c>history</c> and <c>search</c>); <see cref="Text"/> then describes the file for older clients.</summary>
    public OfferedFile? File { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Offline { get; init; }

    /// <summary>
    /// Extension: the line is a notice (an IRC <c>NOTICE</c>, which bots send so that nothing
    /// answers it automatically); absent on an ordinary line.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Notice { get; init; }

    /// <summary>The room's event number (PROTOCOL.md: gaps mean missed events); absent on direct messages.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long Seq { get; init; }
}

/// <summary>The file a history line offers: what <c>file.get</c> needs and what a reader is shown.</summary>
public sealed record OfferedFile
{
    public required string FileId { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }
}

public sealed record PresenceEvent : ServerEvent
{
    public override string Type => MessageTypes.Presence;
    public required string User { get; init; }
    public required bool Online { get; init; }
}

public sealed record ShutdownEvent : ServerEvent
{
    public override string Type => MessageTypes.Shutdown;
    public required string By { get; init; }
    public string Reason { get; init; } = "";
}

/// <summary><c>file</c>: a stored file offered to the members of <see cref="To"/> (or to a user).</summary>
public sealed record FileEvent : ServerEvent
{
    public override string Type => MessageTypes.File;
    public required string FileId { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }
    public required string Ts { get; init; }

    /// <summary>Extension: the offer's place in its conversation's history (0, and absent, from servers that do not keep offers in history).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long MsgId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Offline { get; init; }
}

public sealed record FileEndEvent : ServerEvent
{
    public override string Type => MessageTypes.FileEnd;
    public required string FileId { get; init; }
}

/// <summary>
/// <c>offline.batch</c>: ends a batch of offline deliveries to a client that asked for acknowledged
/// delivery (<c>hello.offlineAck</c>); the client answers <see cref="OfflineAckRequest"/> with the same number.
/// </summary>
public sealed record OfflineBatchEvent : ServerEvent
{
    public override string Type => MessageTypes.OfflineBatch;
    public required long Batch { get; init; }
}

/// <summary><c>away</c>: <see cref="User"/> is away with <see cref="Text"/>, or back when it is absent.</summary>
public sealed record AwayEvent : ServerEvent
{
    public override string Type => MessageTypes.Away;
    public required string User { get; init; }
    public string? Text { get; init; }
}

/// <summary>
/// <c>read</c> (extension): another session of the same account read <see cref="Room"/> up to and
/// including <see cref="MsgId"/> (a direct conversation is named by the peer, as in the request);
/// the receiving client drops its unread marks up to there. Older clients ignore it.
/// </summary>
public sealed record ReadEvent : ServerEvent
{
    public override string Type => MessageTypes.Read;
    public required string Room { get; init; }
    public required long MsgId { get; init; }
}
