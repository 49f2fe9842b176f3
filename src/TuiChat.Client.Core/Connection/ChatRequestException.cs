namespace TuiChat.Client.Core.Connection;

/// <summary>
/// A request failed: the server replied <c>error{code,message}</c>, or (code
/// <see cref="Disconnected"/>) the connection went away before the reply came.
/// </summary>
public sealed class ChatRequestException : Exception
{
    /// <summary>Client-side code: the connection was lost or not yet open.</summary>
    public const string Disconnected = "disconnected";

    /// <summary>Client-side code: a download's bytes did not match the announced SHA-256.</summary>
    public const string HashMismatch = "hash_mismatch";

    public ChatRequestException(string code, string message) : base(message) => Code = code;

    public ChatRequestException(string code, string message, Exception inner) : base(message, inner) => Code = code;

    /// <summary>A code from <c>TuiChat.Protocol.ErrorCodes</c> or one of the client-side codes above.</summary>
    public string Code { get; }

    /// <summary>
    /// The request went out and its session ended before the answer came: the server may have
    /// carried it out (a line may be stored and delivered), or not. A <see cref="Disconnected"/>
    /// without it never reached the server.
    /// </summary>
    public bool Unanswered { get; init; }

    /// <summary>
    /// How a client shows it: "error: not a member (not_a_member)". A lost connection is no refusal
    /// and its message says so itself ("not connected (reconnecting)"), so it goes as it is.
    /// </summary>
    public string Describe() => Code == Disconnected ? Message : $"error: {Message} ({Code})";
}
