namespace TuiChat.Client.Core.Encryption;

/// <summary>An encrypted message that must not be shown: tampered, not for this user, or unreadable. The message says why.</summary>
public sealed class EnvelopeException(string message) : Exception(message);
