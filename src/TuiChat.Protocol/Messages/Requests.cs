using System.Text.Json.Serialization;

namespace TuiChat.Protocol.Messages;

/// <summary>A client frame. With an <see cref="Id"/> it gets exactly one reply.</summary>
public abstract record Request : IFrameMessage
{
    [JsonPropertyOrder(-10)]
    public abstract string Type { get; }

    [JsonPropertyOrder(-9)]
    public string? Id { get; init; }
}

public sealed record HelloRequest : Request
{
    public override string Type => MessageTypes.Hello;
    public required int Protocol { get; init; }
    public required string User { get; init; }
    public string? Password { get; init; }
    public bool Register { get; init; }
    public string? Client { get; init; }

    /// <summary>
    /// Extension: the client confirms offline deliveries with <see cref="OfflineAckRequest"/>, and the
    /// server keeps each one queued until it is confirmed. Older clients leave it out.
    /// </summary>
    public bool OfflineAck { get; init; }

    /// <summary>
    /// Extension: the public rooms this session starts in, instead of <c>#general</c> (which is
    /// joined only if listed); null (left out, as older clients do) means <c>#general</c>. A client
    /// that reconnects sends the rooms it was in, so a room the user left stays left. At most
    /// <see cref="ProtocolLimits.MaxHelloRooms"/>.
    /// </summary>
    public IReadOnlyList<string>? Rooms { get; init; }
}

public sealed record JoinRequest : Request
{
    public override string Type => MessageTypes.Join;
    public required string Room { get; init; }
}

public sealed record LeaveRequest : Request
{
    public override string Type => MessageTypes.Leave;
    public required string Room { get; init; }
}

public sealed record CreateRequest : Request
{
    public override string Type => MessageTypes.Create;
    public required string Room { get; init; }
    public bool Private { get; init; }
    public IReadOnlyList<string>? Members { get; init; }
}

public sealed record InviteRequest : Request
{
    public override string Type => MessageTypes.Invite;
    public required string Room { get; init; }
    public required string User { get; init; }
}

public sealed record KickRequest : Request
{
    public override string Type => MessageTypes.Kick;
    public required string Room { get; init; }
    public required string User { get; init; }

    /// <summary>Extension: why (one line, as a quit reason); the room and the kicked user get it as <c>left.text</c>. Absent from older clients.</summary>
    public string? Reason { get; init; }
}

public sealed record TopicRequest : Request
{
    public override string Type => MessageTypes.Topic;
    public required string Room { get; init; }
    public required string Topic { get; init; }
}

public sealed record RoomsRequest : Request
{
    public override string Type => MessageTypes.Rooms;
}

public sealed record UsersRequest : Request
{
    public override string Type => MessageTypes.Users;
    public string? Room { get; init; }
}

public sealed record MsgRequest : Request
{
    public override string Type => MessageTypes.Msg;
    public required string To { get; init; }
    public required string Text { get; init; }
}

public sealed record HistoryRequest : Request
{
    public override string Type => MessageTypes.History;
    public required string To { get; init; }
    public long? Before { get; init; }
    public int? Limit { get; init; }
}

/// <summary><c>ping</c> in either direction; the receiver answers <see cref="PongMessage"/>.</summary>
public sealed record PingMessage : Request
{
    public override string Type => MessageTypes.Ping;
}

/// <summary><c>pong</c> in either direction.</summary>
public sealed record PongMessage : Request
{
    public override string Type => MessageTypes.Pong;
}

/// <summary><c>offline.ack</c>: everything up to and including the <c>offline.batch</c> marker <see cref="Batch"/> was received.</summary>
public sealed record OfflineAckRequest : Request
{
    public override string Type => MessageTypes.OfflineAck;
    public required long Batch { get; init; }
}

public sealed record QuitRequest : Request
{
    public override string Type => MessageTypes.Quit;
    public string? Reason { get; init; }
}

public sealed record FilePutRequest : Request
{
    public override string Type => MessageTypes.FilePut;
    public required string To { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }
}

/// <summary><c>file.chunk</c> in either direction; <see cref="Data"/> is base64 on the wire.</summary>
public sealed record FileChunk : Request
{
    public override string Type => MessageTypes.FileChunk;
    public required string FileId { get; init; }
    public required long Seq { get; init; }
    public required byte[] Data { get; init; }
}

public sealed record FileGetRequest : Request
{
    public override string Type => MessageTypes.FileGet;
    public required string FileId { get; init; }
}

public sealed record AdminShutdownRequest : Request
{
    public override string Type => MessageTypes.AdminShutdown;
    public string? Reason { get; init; }
}

public sealed record AdminKickRequest : Request
{
    public override string Type => MessageTypes.AdminKick;
    public required string User { get; init; }
    public string? Reason { get; init; }
}

/// <summary>
/// <c>read</c>: everything up to and including <see cref="MsgId"/> in the conversation <see cref="Room"/>
/// (<c>#room</c>, <c>+group</c>, or the peer's user name for a direct conversation) has been read.
/// </summary>
public sealed record ReadRequest : Request
{
    public override string Type => MessageTypes.Read;
    public required string Room { get; init; }
    public required long MsgId { get; init; }
}

/// <summary><c>search</c>: lines the caller may read holding every word of <see cref="Q"/>, newest first, below <see cref="Before"/>.</summary>
public sealed record SearchRequest : Request
{
    public override string Type => MessageTypes.Search;
    public required string Q { get; init; }
    public long? Before { get; init; }
    public int? Limit { get; init; }
}

/// <summary><c>away</c>: with a <see cref="Text"/> the caller is away; without one (or empty) it is back.</summary>
public sealed record AwayRequest : Request
{
    public override string Type => MessageTypes.Away;
    public string? Text { get; init; }
}

/// <summary><c>whois</c>: who <see cref="User"/> is: online or last seen, registered or guest, rooms in common.</summary>
public sealed record WhoisRequest : Request
{
    public override string Type => MessageTypes.Whois;
    public required string User { get; init; }
}
