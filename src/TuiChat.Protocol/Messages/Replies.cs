using System.Text.Json.Serialization;

namespace TuiChat.Protocol.Messages;

/// <summary><c>ok</c>: the success reply to the request whose id is <see cref="Re"/>.</summary>
public record OkReply : IFrameMessage
{
    [JsonPropertyOrder(-10)]
    public string Type => MessageTypes.Ok;

    [JsonPropertyOrder(-9)]
    public required string Re { get; init; }
}

/// <summary><c>error</c>: a reply when <see cref="Re"/> is set, otherwise an unsolicited refusal.</summary>
public sealed record ErrorReply : IFrameMessage
{
    [JsonPropertyOrder(-10)]
    public string Type => MessageTypes.Error;

    [JsonPropertyOrder(-9)]
    public string? Re { get; init; }

    public required string Code { get; init; }
    public required string Message { get; init; }
}

public sealed record HelloOk : OkReply
{
    public required string User { get; init; }
    public required string Role { get; init; }
    public required string Server { get; init; }
    public string? Motd { get; init; }

    /// <summary>Extension (registered accounts): the account's rooms, groups and direct conversations with their read state; absent for guests.</summary>
    public IReadOnlyList<ConversationInfo>? Conversations { get; init; }
}

/// <summary>Conversation kinds carried in <see cref="ConversationInfo.Kind"/> and <see cref="SearchResult.Kind"/>.</summary>
public static class ConversationKinds
{
    public const string Room = "room";
    public const string Group = "group";
    public const string Direct = "direct";
}

/// <summary>
/// One of an account's conversations and where the account stopped reading it. <see cref="Room"/> is
/// <c>#room</c>, <c>+group</c> or the peer's user name, as in <c>history{to}</c>.
/// </summary>
public sealed record ConversationInfo
{
    /// <summary>The server counts at most this many unread lines per conversation.</summary>
    public const int MaxCounted = 1000;

    public required string Room { get; init; }
    public required string Kind { get; init; }
    public long ReadMsgId { get; init; }
    public long LastMsgId { get; init; }
    public int Unread { get; init; }
    public int Highlights { get; init; }
}

/// <summary>The reply to <c>join</c> and <c>create</c>.</summary>
public sealed record RoomOk : OkReply
{
    public required string Room { get; init; }
    public string Topic { get; init; } = "";
    public bool Private { get; init; }
    public required IReadOnlyList<string> Members { get; init; }
}

public sealed record RoomInfo
{
    public required string Room { get; init; }
    public int Members { get; init; }
    public bool Private { get; init; }
    public string Topic { get; init; } = "";
}

public sealed record RoomsOk : OkReply
{
    public required IReadOnlyList<RoomInfo> Rooms { get; init; }

    /// <summary>Extension (registered accounts): as in <see cref="HelloOk.Conversations"/>, counted now.</summary>
    public IReadOnlyList<ConversationInfo>? Conversations { get; init; }
}

public sealed record UserInfo
{
    public required string User { get; init; }
    public required string Role { get; init; }
    public bool Online { get; init; }

    /// <summary>Extension: the away text of a user who is away.</summary>
    public string? Away { get; init; }
}

public sealed record UsersOk : OkReply
{
    public required IReadOnlyList<UserInfo> Users { get; init; }
}

public sealed record MsgOk : OkReply
{
    public required long MsgId { get; init; }
    public required string Ts { get; init; }

    /// <summary>Extension: the recipient of a direct message is away with this text (the automatic reply).</summary>
    public string? Away { get; init; }
}

public sealed record HistoryOk : OkReply
{
    public required IReadOnlyList<ChatMessage> Messages { get; init; }
}

public sealed record FilePutOk : OkReply
{
    public required string FileId { get; init; }
}

public sealed record FileGetOk : OkReply
{
    public required string FileId { get; init; }
    public required string Name { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }
}

/// <summary>The reply to <c>read</c>: the read position now kept (0 for a guest, whose positions are not kept).</summary>
public sealed record ReadOk : OkReply
{
    public required string Room { get; init; }
    public required long ReadMsgId { get; init; }
}

/// <summary>One line found by <c>search</c>, with the conversation it belongs to (as in <see cref="ConversationInfo"/>).</summary>
public sealed record SearchResult
{
    public required string Room { get; init; }
    public required string Kind { get; init; }
    public required long MsgId { get; init; }
    public required string Ts { get; init; }
    public required string From { get; init; }
    public required string Text { get; init; }
    public OfferedFile? File { get; init; }
}

/// <summary>The reply to <c>search</c>: newest first; <see cref="More"/> when older results exist (ask with <c>before</c> = the last <c>msgId</c>).</summary>
public sealed record SearchOk : OkReply
{
    public required IReadOnlyList<SearchResult> Results { get; init; }
    public bool More { get; init; }
}

/// <summary>The reply to <c>whois</c>.</summary>
public sealed record WhoisOk : OkReply
{
    public required string User { get; init; }
    public required string Role { get; init; }
    public bool Registered { get; init; }
    public bool Online { get; init; }

    /// <summary>When an offline account's last session ended; absent when online or unknown.</summary>
    public string? LastSeen { get; init; }
    public string? Away { get; init; }

    /// <summary>Rooms and groups both the caller and the user are members of.</summary>
    public required IReadOnlyList<string> Rooms { get; init; }
}

/// <summary>Role names carried in <c>hello</c> and <c>users</c> replies.</summary>
public static class Roles
{
    public const string Guest = "guest";
    public const string User = "user";
    public const string Admin = "admin";
}
