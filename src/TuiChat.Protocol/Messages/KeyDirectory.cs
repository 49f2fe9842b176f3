namespace TuiChat.Protocol.Messages;

/// <summary>
/// <c>keys.put</c>: publishes the caller's identity keys for end-to-end encrypted direct messages.
/// Each field is base64: <see cref="Agreement"/> the X25519 public key (32 bytes),
/// <see cref="Signing"/> the Ed25519 public key (32 bytes) and <see cref="Signature"/> the owner's
/// Ed25519 signature over both (64 bytes). The server checks only the shape: clients verify.
/// </summary>
public sealed record KeysPutRequest : Request
{
    public override string Type => MessageTypes.KeysPut;
    public required string Agreement { get; init; }
    public required string Signing { get; init; }
    public required string Signature { get; init; }
}

/// <summary><c>keys.get</c>: the identity keys a user published, if any.</summary>
public sealed record KeysGetRequest : Request
{
    public override string Type => MessageTypes.KeysGet;
    public required string User { get; init; }
}

/// <summary>The reply to <c>keys.get</c>; the three key fields are absent when the user published none.</summary>
public sealed record KeysOk : OkReply
{
    public required string User { get; init; }
    public string? Agreement { get; init; }
    public string? Signing { get; init; }
    public string? Signature { get; init; }
}
