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
}

public sealed record UserInfo
{
    public required string User { get; init; }
    public required string Role { get; init; }
    public bool Online { get; init; }
}

public sealed record UsersOk : OkReply
{
    public required IReadOnlyList<UserInfo> Users { get; init; }
}

public sealed record MsgOk : OkReply
{
    public required long MsgId { get; init; }
    public required string Ts { get; init; }
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

/// <summary>Role names carried in <c>hello</c> and <c>users</c> replies.</summary>
public static class Roles
{
    public const string Guest = "guest";
    public const string User = "user";
    public const string Admin = "admin";
}
