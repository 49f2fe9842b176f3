namespace TuiChat.Client.Core.Encryption;

/// <summary>How a direct message reached this client.</summary>
public enum Sealing
{
    /// <summary>Sent in plain text (a guest, or a user without keys): the server could read it.</summary>
    Plain,

    /// <summary>Decrypted and its signature checked.</summary>
    Encrypted,

    /// <summary>Encrypted but refused (tampered, not for us, unreadable): <see cref="OpenedMessage.Text"/> says why, never the content.</summary>
    Refused,
}

/// <summary>
/// A direct message as this client may show it. <see cref="KeyChanged"/> is set when a readable
/// message was signed by keys other than the pinned ones.
/// </summary>
public sealed record OpenedMessage(Sealing Sealing, string Text, bool KeyChanged = false);
